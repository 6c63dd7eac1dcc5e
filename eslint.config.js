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

module.exports = tseslint.config(
  { ignores: ['dist/', 'lib/', 'coverage/', 'node_modules/', 'out/'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    // Last wins: typescript-eslint's set comes after the Office preset's core rules so that it can
    // switch off the core rules TypeScript already checks (no-undef, no-redeclare…).
    extends: [js.configs.recommended, { plugins: { 'office-addins': officeAddins }, rules: officeRecommendedRules }, ...tseslint.configs.recommended],
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
);
