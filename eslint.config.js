'use strict';
/**
 * `npm run lint`: ESLint's and typescript-eslint's recommended rules plus the Office add-in rules of
 * eslint-plugin-office-addins (load before read, sync after load, no sync in loops…), over src/.
 *
 * The plugin's own "recommended" preset is not spread as is: it registers its bundled, older
 * typescript-eslint under the same plugin name as ours (ESLint refuses two), and it turns Prettier into
 * lint errors. Formatting is Prettier's own job (`prettier --check` in `npm run lint`, prettier.config.js),
 * so its rule list is taken from the preset, rules the plugin adds later still apply, and only the
 * Prettier rule is dropped.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');

const officeRecommendedRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([name]) => !name.startsWith('prettier/')),
);

/**
 * The layers of /work/shared/design/architecture.md ("Layers and what each may touch"), checked by
 * lint: for each folder of src/, the folders (and packages) it must never import. Folders not in
 * the table follow from it: src/shared holds what ribbon and pane share (the loaded definitions,
 * the last outcome), src/engine the web workers and their client, used by the pane and the page.
 */
const SRC_FOLDERS = ['core', 'xlsx', 'excel', 'shared', 'engine', 'taskpane', 'commands', 'web', 'cli'];
const NEVER = {
  core: {
    folders: ['xlsx', 'excel', 'shared', 'engine', 'taskpane', 'commands', 'web', 'cli'],
    packages: ['react', 'react-dom', '@fluentui/*', 'exceljs', '@e965/xlsx', 'fs', 'node:*', 'path'],
  },
  xlsx: { folders: ['excel', 'shared', 'engine', 'taskpane', 'commands', 'web', 'cli'], packages: ['react', 'react-dom', '@fluentui/*'] },
  excel: {
    folders: ['shared', 'engine', 'taskpane', 'commands', 'web', 'cli'],
    packages: ['react', 'react-dom', '@fluentui/*', 'exceljs'],
  },
  shared: { folders: ['taskpane', 'commands', 'web', 'cli', 'xlsx'], packages: ['react', 'react-dom', '@fluentui/*'] },
  engine: { folders: ['excel', 'shared', 'taskpane', 'commands', 'web', 'cli'], packages: ['react', 'react-dom', '@fluentui/*'] },
  taskpane: { folders: ['commands', 'web', 'cli', 'xlsx'], packages: [] },
  commands: { folders: ['taskpane', 'web', 'cli', 'engine', 'xlsx'], packages: ['react', 'react-dom', '@fluentui/*'] },
  web: { folders: ['commands', 'excel', 'cli'], packages: [] },
  cli: { folders: ['excel', 'shared', 'engine', 'taskpane', 'commands', 'web'], packages: ['react', 'react-dom', '@fluentui/*'] },
};
const layerRules = SRC_FOLDERS.map((folder) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          // A relative import that climbs out of this folder into a forbidden one: '../taskpane/…', '../../web/…'.
          ...NEVER[folder].folders.map((other) => ({
            regex: `^(\\.\\./)+(src/)?${other}(/|$)`,
            message: `src/${folder} must not import src/${other} (architecture.md, "Layers and what each may touch").`,
          })),
          ...(NEVER[folder].packages.length
            ? [{ group: NEVER[folder].packages, message: `src/${folder} must not use this package (architecture.md).` }]
            : []),
        ],
      },
    ],
  },
}));

module.exports = tseslint.config(
  { ignores: ['dist/', 'lib/', 'coverage/', 'node_modules/', 'out/'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    // Last wins: typescript-eslint's set comes after the Office preset's core rules so that it can
    // switch off the core rules TypeScript already checks (no-undef, no-redeclare…).
    extends: [
      js.configs.recommended,
      { plugins: { 'office-addins': officeAddins }, rules: officeRecommendedRules },
      ...tseslint.configs.recommended,
    ],
    rules: {
      // The project's conventions: "_" marks a parameter kept for its position, and `({ key, ...rest })`
      // drops a property from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `ok ? errors++ : warnings++` is how the code counts by severity.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
    },
  },
  ...layerRules,
);
