'use strict';
/**
 * Where the add-in's pages get Office.js. Microsoft's CDN is the normal source (Office and AppSource
 * expect it, and it is always current); a closed or filtered provincial network may not reach it, so
 * the build also serves the copy in @microsoft/office-js (pinned exactly) at dist/office-js/, and the
 * pages fall back to it. `OFFICE_JS=local` makes that copy the only source, for networks that reach
 * nothing outside. webpack.config.js and the tests take the sources, the files and the loader from
 * here so that they agree.
 */
const path = require('node:path');

const CDN_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Relative to the pages, which sit at the root of dist/. */
const LOCAL_DIR = 'office-js';
const LOCAL_URL = `${LOCAL_DIR}/office.js`;
/** How long the CDN gets before the local copy is tried: a filtered network often never answers. */
const CDN_TIMEOUT_MS = 5000;

/**
 * The files office.js loads itself for Excel (each platform's host file, the Office 2013 mapping
 * table, the telemetry sink) and the strings of the two languages the add-in speaks. Debug builds and
 * other hosts stay out: ~10 MB instead of 87.
 */
const LOCAL_FILES = [
  'office.js',
  'o15apptofilemappingtable.js',
  'telemetry/oteljs_agave.js',
  'excel*.js',
  'en-us/office_strings.js',
  'vi-vn/office_strings.js',
];
const LOCAL_IGNORE = ['**/*.debug.js'];

function fail(value) {
  throw new Error(`OFFICE_JS chỉ nhận "local" (hoặc để trống): "${value}"\n` + `OFFICE_JS takes "local" only (or nothing): "${value}"`);
}

/** 'cdn-then-local' (the default) or 'local'; anything else stops the build. */
function officeJsMode(env) {
  const value = String(env.OFFICE_JS ?? '').trim();
  if (value === '') return 'cdn-then-local';
  if (value.toLowerCase() === 'local') return 'local';
  return fail(value);
}

function officeJsSources(mode) {
  return mode === 'local' ? [LOCAL_URL] : [CDN_URL, LOCAL_URL];
}

/** The package's dist folder, where the local copy is taken from. */
function packageDir() {
  return path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
}

/**
 * The inline script the pages carry in <head>: tries each source in turn and leaves
 * `window.phulucOfficeJs`, a promise of the source that loaded, for the bundles to wait on. ES5, as
 * the page's old-webview notice is; without Promise (Internet Explorer) it does nothing.
 */
function officeJsLoader(mode, timeoutMs = CDN_TIMEOUT_MS) {
  const sources = JSON.stringify(officeJsSources(mode));
  return `<script>
    // Office.js: ${mode === 'local' ? 'the copy served beside the add-in (OFFICE_JS=local)' : "Microsoft's CDN, then the copy served beside the add-in"}.
    (function (sources, timeoutMs) {
      if (!window.Promise) return;
      window.phulucOfficeJs = new Promise(function (resolve, reject) {
        var failures = [];
        function next(i) {
          if (i >= sources.length) return reject(new Error(failures.join('; ')));
          var script = document.createElement('script');
          var settled = false;
          function failed(why) {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            // office.js finds its own folder from the first script named office.js on the page, so
            // the one that failed must not stay there.
            if (script.parentNode) script.parentNode.removeChild(script);
            failures.push(sources[i] + ': ' + why);
            next(i + 1);
          }
          var timer = sources.length > i + 1 ? setTimeout(function () { failed('no answer in ' + timeoutMs + ' ms'); }, timeoutMs) : 0;
          script.onload = function () {
            if (settled) return;
            if (!window.Office) return failed('loaded, but no Office');
            settled = true;
            clearTimeout(timer);
            resolve(sources[i]);
          };
          script.onerror = function () { failed('did not load'); };
          script.src = sources[i];
          document.head.appendChild(script);
        }
        next(0);
      });
      // The bundles, which run later, handle the failure; until then it is not "unhandled".
      window.phulucOfficeJs['catch'](function () {});
    })(${sources}, ${Number(timeoutMs)});
  </script>`;
}

module.exports = {
  CDN_URL,
  LOCAL_DIR,
  LOCAL_URL,
  LOCAL_FILES,
  LOCAL_IGNORE,
  CDN_TIMEOUT_MS,
  officeJsMode,
  officeJsSources,
  officeJsLoader,
  packageDir,
};
