'use strict';
/** Bundles test/browser/fake-office.ts for Chromium (see harness.ts); entry and output come from the CLI. */
const path = require('node:path');
module.exports = {
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        use: {
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            configFile: path.resolve(__dirname, '..', '..', 'tsconfig.web.json'),
            compilerOptions: { module: 'es2020' },
          },
        },
      },
    ],
  },
};
