'use strict';
/**
 * Builds the Excel add-in into dist/: taskpane.html (the pane, which is also the shared runtime that
 * runs the ribbon's commands), commands.html (a stand-alone function file), app.html (the same app as a
 * plain page over files, for Excel that cannot load add-ins), assets/ and manifest.xml. The parser,
 * the rules and the writer are split into chunks that load when first needed.
 *
 *   npm run build                          production build; no dist/manifest.xml (the root manifest.xml is
 *                                          the development one, on https://localhost:3000/)
 *   ADDIN_URL=https://host/path/ npm run build   the same, and dist/manifest.xml pointing at https://host/path/
 *   OFFICE_JS=local npm run build          Office.js only from dist/office-js/ (default: CDN, then that copy)
 *   npm run dev-server                     https://localhost:3000/ with live reload
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { manifestForEnv, parseAddinUrl } = require('./scripts/manifest-url');
const officeJs = require('./scripts/office-js');

const DEV_SERVER_PORT = 3000;

/**
 * office-addin-dev-certs makes a CA that Office trusts and installs it (Windows, macOS, or Linux with
 * sudo). Where it cannot install, webpack-dev-server's own self-signed certificate still serves https
 * for a browser, which is enough to work on the pane outside Office.
 */
async function httpsServer() {
  try {
    const devCerts = require('office-addin-dev-certs');
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca, key, cert } };
  } catch (e) {
    console.warn(
      `\n[dev-server] Không cài được chứng chỉ localhost của Office; dùng chứng chỉ tự ký (trình duyệt sẽ cảnh báo).\n` +
        `[dev-server] Could not install the Office localhost certificate; using a self-signed one (the browser will warn).\n` +
        `[dev-server] ${String(e && e.message ? e.message : e).split('\n')[0]}\n`,
    );
    return { type: 'https' };
  }
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  // Checked before anything is built, so a bad ADDIN_URL fails the build at once with a clear message.
  const deployed = Boolean(process.env.ADDIN_URL && process.env.ADDIN_URL.trim());
  if (deployed) parseAddinUrl(process.env.ADDIN_URL);
  const manifestEnv = { ADDIN_URL: process.env.ADDIN_URL };
  const officeJsMode = officeJs.officeJsMode(process.env);
  // A manifest for admins exists only with the address it will be served from: one pointing at
  // localhost uploads without complaint and then fails for every user.
  if (production && !env.WEBPACK_SERVE && !deployed) {
    console.warn(
      `\n[build] Không có ADDIN_URL: không ghi dist/manifest.xml. manifest.xml ở thư mục gốc chỉ để phát triển (https://localhost:3000/).\n` +
        `[build] No ADDIN_URL: dist/manifest.xml is not written. The root manifest.xml is for development only (https://localhost:3000/).\n` +
        `[build] Triển khai / To deploy: ADDIN_URL=https://may-chu/phuluc/ npm run build\n`,
    );
  }

  const config = {
    mode: production ? 'production' : 'development',
    context: __dirname,
    target: ['web', 'es2020'],
    devtool: production ? false : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      app: './src/web/page.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      // Office's webviews cache aggressively; hashed names make a deployment take effect at once.
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      // exceljs's browser build is self-contained; Node built-ins must never reach a bundle.
      fallback: { fs: false, path: false, stream: false, crypto: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type-checking is `npm run typecheck`; the bundle only needs the JavaScript.
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.web.json'),
              // tsconfig.json is set up for Node (CommonJS); ES modules let webpack drop unused code.
              compilerOptions: { module: 'es2020', target: 'es2020', jsx: 'react-jsx', sourceMap: !production },
            },
          },
        },
      ],
    },
    optimization: {
      // taskpane.html loads both entries (it is the shared runtime): one webpack runtime gives them one
      // module registry, so a module they share — the ribbon's last result — exists once.
      runtimeChunk: 'single',
    },
    // The writer chunk (exceljs) is large by nature and loads only for a download; first-load size is
    // measured (gzipped) by `npm run bench` and held to 250 KB by test/browser.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane', 'commands'],
        templateParameters: { officeJsLoader: officeJs.officeJsLoader(officeJsMode) },
      }),
      new HtmlWebpackPlugin({
        filename: 'app.html',
        template: './src/web/app.html',
        chunks: ['app'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters: { officeJsLoader: officeJs.officeJsLoader(officeJsMode) },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          // The copy of Office.js the pages fall back to (or only use, with OFFICE_JS=local).
          ...officeJs.LOCAL_FILES.map((from) => ({
            from,
            context: officeJs.packageDir(),
            // Kept where office.js looks for them (telemetry/, vi-vn/…), and as Microsoft shipped them.
            to: ({ absoluteFilename }) => path.join(officeJs.LOCAL_DIR, path.relative(officeJs.packageDir(), absoluteFilename)),
            globOptions: { ignore: officeJs.LOCAL_IGNORE },
            info: { minimized: true },
          })),
          ...(deployed
            ? [
                {
                  from: 'manifest.xml',
                  to: 'manifest.xml',
                  transform: (content) => manifestForEnv(content.toString('utf8'), manifestEnv),
                },
              ]
            : []),
        ],
      }),
    ],
  };

  if (env.WEBPACK_SERVE) {
    config.devServer = {
      // Loopback only: the certificate is for localhost and nobody else needs the dev build.
      host: 'localhost',
      port: DEV_SERVER_PORT,
      server: await httpsServer(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      liveReload: true,
    };
  }
  return config;
};
