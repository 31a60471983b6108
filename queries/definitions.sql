-- Named constants and helpers of SPEC.md's definitions ("What each number
-- means"), in one place: the views and every report query use these macros.
-- Change a definition here (or in a copy under --queries DIR) and every
-- number follows.

-- visit (session): a visitor's page views with no gap over 30 minutes.
CREATE OR REPLACE MACRO session_gap_s() AS 1800;

-- time on page: time to the next page view of the same visit, capped at 30 minutes.
CREATE OR REPLACE MACRO time_on_page_cap_s() AS 1800;

-- page view: not a static asset, by extension (styles, scripts, images,
-- fonts, media, archives, documents, data files)...
CREATE OR REPLACE MACRO is_static_path(p) AS regexp_matches(lower(p),
    '\.(css|js|mjs|map|json|png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|heic|woff2?|ttf|otf|eot'
    || '|mp4|webm|ogv|ogg|mp3|wav|flac|m4a|aac|avi|mov|mkv|zip|gz|tgz|bz2|xz|7z|rar|tar|pdf|txt|csv|xml|rss|atom|wasm)$');

-- ...nor a feed, robots.txt, favicon or sitemap.
CREATE OR REPLACE MACRO is_meta_path(p) AS
    lower(p) IN ('/robots.txt', '/favicon.ico', '/sitemap.xml', '/sitemap_index.xml', '/feed', '/feed/', '/rss', '/rss/', '/atom', '/atom/', '/index.xml')
    OR regexp_matches(lower(p), '(^|/)(feed|rss|atom)(/|$)|sitemap[^/]*\.xml$|^/apple-touch-icon');

-- page view: a non-bot GET answered 200 or 304 for a page path.
CREATE OR REPLACE MACRO is_pageview(method, status, p, bot) AS
    NOT bot AND method = 'GET' AND status IN (200, 304) AND p IS NOT NULL AND p LIKE '/%'
    AND NOT is_static_path(p) AND NOT is_meta_path(p);
