'use strict';
/**
 * The source manifest points at the dev server. A deployment serves dist/ from somewhere else, so the
 * build writes dist/manifest.xml with ADDIN_URL in place of the dev address. One module does the swap
 * so that webpack.config.js and test/manifest agree on what the production manifest is.
 */

const DEV_URL = 'https://localhost:3000/';

function fail(detail) {
  throw new Error(
    `ADDIN_URL phải là một địa chỉ https kết thúc bằng "/" (ví dụ https://phuluc.example.vn/addin/): ${detail}\n` +
      `ADDIN_URL must be an https address ending with "/" (e.g. https://phuluc.example.vn/addin/): ${detail}`,
  );
}

/** Checks ADDIN_URL and returns it normalised (lower-case host), or throws a bilingual error. */
function parseAddinUrl(value) {
  const raw = String(value).trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    fail(`"${raw}" không phải là địa chỉ / is not a URL`);
  }
  if (url.protocol !== 'https:') fail(`"${raw}" không dùng https / is not https (Office loads add-ins over https only)`);
  if (url.username || url.password) fail(`"${raw}" chứa tên đăng nhập / carries credentials`);
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) fail(`"${raw}" có ? hoặc # / has a query or fragment`);
  if (!raw.endsWith('/') || !url.pathname.endsWith('/')) fail(`"${raw}" không kết thúc bằng "/" / does not end with "/"`);
  // The address goes into XML attributes unescaped.
  if (/[&<>"'\s\\]/.test(url.href)) fail(`"${raw}" có ký tự không dùng được / has characters not allowed in the manifest`);
  return url.href;
}

/** The manifest with every dev-server address replaced by addinUrl (already checked). */
function rewriteManifest(xml, addinUrl) {
  const text = String(xml);
  if (!text.includes(DEV_URL)) throw new Error(`manifest.xml does not mention ${DEV_URL}; nothing to replace`);
  const out = text.split(DEV_URL).join(addinUrl);
  // Any other spelling of the dev server (another port, http, no slash) would survive the swap silently.
  if (!new URL(addinUrl).hostname.includes('localhost') && /localhost/i.test(out)) {
    throw new Error('manifest.xml still mentions localhost after replacing ' + DEV_URL);
  }
  return out;
}

/** What the build writes to dist/manifest.xml: unchanged without ADDIN_URL. */
function manifestForEnv(xml, env) {
  const value = env.ADDIN_URL;
  if (value === undefined || value.trim() === '') return String(xml);
  return rewriteManifest(xml, parseAddinUrl(value));
}

module.exports = { DEV_URL, parseAddinUrl, rewriteManifest, manifestForEnv };
