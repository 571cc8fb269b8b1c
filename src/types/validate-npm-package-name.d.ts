// validate-npm-package-name has no types of its own; only what npmSpec.ts reads.
declare module 'validate-npm-package-name' {
  function validate(name: string): { validForNewPackages: boolean; validForOldPackages: boolean; errors?: string[]; warnings?: string[] };
  export = validate;
}
