// Maven's own answers for the differential tests, from the jars of the installed mvn (/usr/share/maven/lib):
// ComparableVersion (ordering), maven-resolver's GenericVersionScheme (what resolution does with ranges) and
// maven-model-builder's DefaultModelBuilder (effective POMs), and which URL serves each repository (settings builder,
// external settings profiles, DefaultMirrorSelector). Runs as a single-file source program:
//   java -cp '/usr/share/maven/lib/*' test/differential/MavenOracle.java < cases.json
// Input: a JSON array of cases, each an array of strings [op, args…]. Output: a JSON array, one answer per case.
// No JSON library ships with Debian's maven, hence the small reader and writer below.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.model.*;
import org.apache.maven.model.building.*;
import org.apache.maven.model.resolution.*;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.Version;
import org.eclipse.aether.version.VersionConstraint;

public class MavenOracle {
  public static void main(String[] args) throws Exception {
    String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    List<?> cases = (List<?>) new Reader(input).value();
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < cases.size(); i++) {
      if (i > 0) out.append(",\n");
      List<?> c = (List<?>) cases.get(i);
      Object answer;
      try {
        answer = answer(c);
      } catch (Exception e) {
        answer = Map.of("oracleError", String.valueOf(e));
      }
      write(out, answer);
    }
    out.append("]");
    System.out.print(out);
  }

  static final GenericVersionScheme SCHEME = new GenericVersionScheme();

  static Object answer(List<?> c) throws Exception {
    String op = (String) c.get(0);
    switch (op) {
      case "compare": {
        String a = (String) c.get(1), b = (String) c.get(2);
        int cv = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
        int gv = Integer.signum(SCHEME.parseVersion(a).compareTo(SCHEME.parseVersion(b)));
        return List.of(cv, gv);
      }
      case "canonical":
        return new ComparableVersion((String) c.get(1)).getCanonical();
      case "range": {
        // [range, spec, versions…]: which versions the constraint contains and which one resolution picks
        // (the highest in the range, by GenericVersion order), or the error when Maven refuses the spec.
        String spec = (String) c.get(1);
        Map<String, Object> result = new LinkedHashMap<>();
        VersionConstraint constraint;
        try {
          constraint = SCHEME.parseVersionConstraint(spec);
        } catch (Exception e) {
          result.put("valid", false);
          return result;
        }
        result.put("valid", true);
        result.put("soft", constraint.getRange() == null);
        List<String> satisfying = new ArrayList<>();
        Version best = null;
        String bestText = null;
        for (Object o : c.subList(2, c.size())) {
          String v = (String) o;
          Version parsed = SCHEME.parseVersion(v);
          boolean contains = constraint.getRange() == null ? parsed.equals(constraint.getVersion()) : constraint.containsVersion(parsed);
          if (!contains) continue;
          satisfying.add(v);
          if (best == null || parsed.compareTo(best) > 0) {
            best = parsed;
            bestText = v;
          }
        }
        result.put("satisfying", satisfying);
        result.put("resolved", bestText);
        return result;
      }
      case "effective":
        return effective(new File((String) c.get(1)), new File((String) c.get(2)), c.size() > 3 ? (String) c.get(3) : "17.0.15");
      case "repositories":
        // [repositories, pom, userSettings|'', globalSettings|'', java.version, user.home]
        return repositories(new File((String) c.get(1)), (String) c.get(2), (String) c.get(3), (String) c.get(4), (String) c.get(5));
      default:
        throw new IllegalArgumentException("unknown op " + op);
    }
  }

  /** The effective model's dependency versions, by groupId:artifactId[:type[:classifier]] as the model lists them. */
  static Object effective(File pom, File repository, String javaVersion) {
    DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
    request.setPomFile(pom);
    request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
    request.setProcessPlugins(false);
    request.setTwoPhaseBuilding(false);
    request.setLocationTracking(false);
    Properties system = new Properties();
    system.setProperty("java.version", javaVersion);
    system.setProperty("os.name", "Linux");
    system.setProperty("os.arch", "amd64");
    system.setProperty("os.version", "6.1.0");
    request.setSystemProperties(system);
    request.setModelResolver(new DirectoryResolver(repository));
    Map<String, Object> result = new LinkedHashMap<>();
    Model model;
    try {
      model = new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel();
    } catch (ModelBuildingException e) {
      List<String> problems = new ArrayList<>();
      for (ModelProblem p : e.getProblems()) if (p.getSeverity() != ModelProblem.Severity.WARNING) problems.add(p.getMessage());
      result.put("error", problems);
      // The builder still hands back what it built (a missing version is an error, not a stop).
      model = e.getResult() != null ? e.getResult().getEffectiveModel() : null;
      if (model == null) return result;
    }
    Map<String, Object> deps = new TreeMap<>();
    for (Dependency d : model.getDependencies()) deps.put(key(d), d.getVersion());
    Map<String, Object> managed = new TreeMap<>();
    if (model.getDependencyManagement() != null) {
      for (Dependency d : model.getDependencyManagement().getDependencies()) managed.put(key(d), d.getVersion());
    }
    result.put("dependencies", deps);
    result.put("managed", managed);
    return result;
  }

  /**
   * Which URL serves each repository of a pom: DefaultSettingsBuilder (user over global, interpolated), the settings
   * profiles through DefaultModelBuilder as external profiles with the settings' activeProfiles (as MavenCli hands
   * them over), the effective model's repository order, then maven-resolver's DefaultMirrorSelector.
   */
  static Object repositories(File pom, String userSettings, String globalSettings, String javaVersion, String userHome) throws Exception {
    Properties system = new Properties();
    system.setProperty("java.version", javaVersion);
    system.setProperty("os.name", "Linux");
    system.setProperty("os.arch", "amd64");
    system.setProperty("os.version", "6.1.0");
    system.setProperty("user.home", userHome);
    org.apache.maven.settings.building.DefaultSettingsBuildingRequest sr = new org.apache.maven.settings.building.DefaultSettingsBuildingRequest();
    if (!userSettings.isEmpty()) sr.setUserSettingsFile(new File(userSettings));
    if (!globalSettings.isEmpty()) sr.setGlobalSettingsFile(new File(globalSettings));
    sr.setSystemProperties(system);
    org.apache.maven.settings.Settings settings;
    try {
      settings = new org.apache.maven.settings.building.DefaultSettingsBuilderFactory().newInstance().build(sr).getEffectiveSettings();
    } catch (org.apache.maven.settings.building.SettingsBuildingException e) {
      return Map.of("settingsError", true);
    }
    DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
    request.setPomFile(pom);
    request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
    request.setProcessPlugins(false);
    request.setTwoPhaseBuilding(false);
    request.setSystemProperties(system);
    List<Profile> external = new ArrayList<>();
    for (org.apache.maven.settings.Profile p : settings.getProfiles()) external.add(org.apache.maven.settings.SettingsUtils.convertFromSettingsProfile(p));
    request.setProfiles(external);
    request.setActiveProfileIds(settings.getActiveProfiles());
    request.setModelResolver(new DirectoryResolver(pom.getParentFile()));
    Model model = new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel();
    org.eclipse.aether.util.repository.DefaultMirrorSelector selector = new org.eclipse.aether.util.repository.DefaultMirrorSelector();
    for (org.apache.maven.settings.Mirror m : settings.getMirrors()) {
      selector.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
    }
    List<Object> out = new ArrayList<>();
    for (Repository r : model.getRepositories()) {
      org.eclipse.aether.repository.RemoteRepository remote = new org.eclipse.aether.repository.RemoteRepository.Builder(r.getId(), "default", r.getUrl()).build();
      org.eclipse.aether.repository.RemoteRepository mirror = selector.getMirror(remote);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", r.getId());
      one.put("url", mirror != null ? mirror.getUrl() : r.getUrl());
      if (mirror != null) one.put("mirrorId", mirror.getId());
      if (mirror != null && mirror.isBlocked()) one.put("blocked", true);
      out.add(one);
    }
    return out;
  }

  static String key(Dependency d) {
    String k = d.getGroupId() + ":" + d.getArtifactId();
    boolean jar = d.getType() == null || d.getType().equals("jar");
    if (!jar || d.getClassifier() != null) k += ":" + d.getType();
    if (d.getClassifier() != null) k += ":" + d.getClassifier();
    return k;
  }

  /** Parents and imported BOMs from a directory laid out as a Maven repository (as ~/.m2/repository is). */
  static final class DirectoryResolver implements ModelResolver {
    final File root;

    DirectoryResolver(File root) {
      this.root = root;
    }

    public ModelSource resolveModel(String g, String a, String v) throws UnresolvableModelException {
      File f = new File(root, g.replace('.', '/') + "/" + a + "/" + v + "/" + a + "-" + v + ".pom");
      if (!f.isFile()) throw new UnresolvableModelException("not in the local repository: " + f, g, a, v);
      return new FileModelSource(f);
    }

    public ModelSource resolveModel(Parent p) throws UnresolvableModelException {
      return resolveModel(p.getGroupId(), p.getArtifactId(), p.getVersion());
    }

    public ModelSource resolveModel(Dependency d) throws UnresolvableModelException {
      return resolveModel(d.getGroupId(), d.getArtifactId(), d.getVersion());
    }

    public void addRepository(Repository r) {}

    public void addRepository(Repository r, boolean replace) {}

    public ModelResolver newCopy() {
      return this;
    }
  }

  // ------------------------------------------------------------------ JSON

  static final class Reader {
    final String s;
    int i;

    Reader(String s) {
      this.s = s;
    }

    void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    Object value() {
      space();
      char c = s.charAt(i);
      if (c == '[') {
        i++;
        List<Object> list = new ArrayList<>();
        space();
        if (s.charAt(i) == ']') {
          i++;
          return list;
        }
        for (;;) {
          list.add(value());
          space();
          if (s.charAt(i++) == ']') return list;
        }
      }
      if (c == '"') return string();
      throw new IllegalArgumentException("only arrays and strings expected at " + i);
    }

    String string() {
      i++;
      StringBuilder b = new StringBuilder();
      for (;;) {
        char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n': b.append('\n'); break;
          case 't': b.append('\t'); break;
          case 'r': b.append('\r'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: b.append(e);
        }
      }
    }
  }

  static void write(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String) {
      out.append('"');
      for (char c : ((String) v).toCharArray()) {
        if (c == '"' || c == '\\') out.append('\\').append(c);
        else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
        else out.append(c);
      }
      out.append('"');
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) out.append(',');
        first = false;
        write(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object o : (Collection<?>) v) {
        if (!first) out.append(',');
        first = false;
        write(out, o);
      }
      out.append(']');
    } else {
      write(out, String.valueOf(v));
    }
  }
}
