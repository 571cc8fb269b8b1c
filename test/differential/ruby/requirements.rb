# Reads {"versions": [...], "cases": [[requirement list, version], ...]} on stdin; prints, for each case, whether
# Gem::Requirement is satisfied by the version (null when RubyGems refuses the requirement), and the sort order
# of the versions by Gem::Version#<=>.
require 'json'
require 'rubygems'
input = JSON.parse($stdin.read)
answers = input['cases'].map do |reqs, version|
  begin
    Gem::Requirement.new(*reqs).satisfied_by?(Gem::Version.new(version))
  rescue ArgumentError, Gem::Requirement::BadRequirementError
    nil
  end
end
order = input['versions'].map { |v| [v, Gem::Version.new(v)] }
cmp = order.map { |a| order.map { |b| a[1] <=> b[1] } }
puts JSON.generate({ 'answers' => answers, 'compare' => cmp })
