-- Named constants and helpers of SPEC.md's definitions ("What each number
-- means"), in one place: the views and every report query use these macros.
-- Change a definition here (or in a copy under --queries DIR) and every
-- number follows.

-- visit (session): a visitor's page views with no gap over 30 minutes.
CREATE OR REPLACE MACRO session_gap_s() AS 1800;

-- time on page: time to the next page view of the same visit, capped at 30 minutes.
CREATE OR REPLACE MACRO time_on_page_cap_s() AS 1800;

-- page view: not a static asset, by extension. The list is the union of
-- what three log analysers leave out of page counts (facts read from their
-- documentation and default configurations, no code taken): GoAccess's
-- default static-file list (goaccess.conf: css, js, images, pdf, csv, mpeg,
-- mpg, swf, woff, office documents, txt, archives, audio and video, exe,
-- iso, dmg, fonts, ...), AWStats' default NotPageList (css js class gif jpg
-- jpeg png bmp ico rss xml swf, plus atom and ics in later configs) and
-- Matomo's default download extensions (configDownloadExtensions of its
-- JavaScript tracker: 7z aac apk arc arj asf asx avi azw3 bin csv deb dmg
-- doc docx epub exe flv gz gzip hqx ibooks jar mobi mp2 mp3 mp4 mpg mpeg
-- mov movie msi msp odb odf odg ods odt ogg ogv pdf phps ppt pptx qt qtm
-- ra ram rar rpm sea sit tar tbz tbz2 bz bz2 tgz torrent txt wav wma wmv
-- wpd xls xlsx xml z zip), with the modern web's own (webp, avif, woff2,
-- wasm, map, mjs...) and XSL stylesheets, which browsers fetch to render
-- an XML page. Grouped: styles and scripts; images; fonts; audio and video;
-- documents and e-books; archives, packages and binaries; data and feeds.
CREATE OR REPLACE MACRO is_static_path(p) AS regexp_matches(lower(p),
    '\.(css|js|mjs|map|xsl|xslt|class|wasm'
    || '|png|jpe?g|jpe|gif|webp|avif|apng|jxl|jp2|svg|svgz|ico|cur|bmp|tiff?|heic|heif|xbm|xpm|pcx|psd|eps|ps'
    || '|woff2?|ttf|otf|eot'
    || '|mp4|m4v|webm|ogv|ogg|oga|opus|mp3|mp2|wav|flac|m4a|aac|wma|wmv|asf|asx|avi|mov|movie|qt|qtm|mkv|mpe?g|flv|swf|3gp|mid|midi|ra|ram|au|aiff?'
    || '|pdf|txt|rtf|doc|docx|dot|xls|xlsx|ppt|pptx|pps|ppsx|odt|ods|odp|odg|odf|odb|wpd|epub|mobi|azw3|ibooks'
    || '|zip|gz|gzip|tgz|bz|bz2|tbz|tbz2|xz|txz|zst|lz|lzma|z|7z|rar|tar|arc|arj|cab|sit|sea|hqx|torrent'
    || '|exe|msi|msp|dmg|pkg|deb|rpm|apk|jar|bin|iso|img|phps'
    || '|csv|json|xml|rss|atom|rdf|ics)$');

-- ...nor a feed (by path, or by a feed query string: WordPress's ?feed=rss2,
-- ?feed=atom, ?feed=comments-rss2; Blosxom's ?flav=rss20; the ?format=rss,
-- ?type=rss, ?output=atom of other engines), robots.txt, favicon or sitemap.
CREATE OR REPLACE MACRO is_feed_query(q) AS q IS NOT NULL AND regexp_matches(lower(q),
    '(^|&)(feed=[^&]+|(flav|format|type|output|mode|view)=(rss[0-9.]*|atom[0-9.]*|rdf|feed))(&|$)');

CREATE OR REPLACE MACRO is_meta_path(p) AS
    lower(p) IN ('/robots.txt', '/favicon.ico', '/sitemap.xml', '/sitemap_index.xml', '/feed', '/feed/', '/rss', '/rss/', '/atom', '/atom/', '/index.xml')
    OR regexp_matches(lower(p), '(^|/)(feed|rss|atom)(/|$)|sitemap[^/]*\.xml$|^/apple-touch-icon');

-- page view: a non-bot GET answered 200 or 304 for a page path (p) whose
-- query string (q, without '?') does not ask for a feed.
CREATE OR REPLACE MACRO is_pageview(method, status, p, q, bot) AS
    NOT bot AND method = 'GET' AND status IN (200, 304) AND p IS NOT NULL AND p LIKE '/%'
    AND NOT is_static_path(p) AND NOT is_meta_path(p) AND NOT is_feed_query(q);

-- The community (SPEC, "What each number means: the community").
-- A person's normalised handle, by which the newcomer rule knows them across
-- platforms and exports: lower case, without accents, a leading @ or runs of
-- spaces; NULL for none.
CREATE OR REPLACE MACRO normal_handle(h) AS
    nullif(trim(regexp_replace(lower(strip_accents(ltrim(trim(h), '@'))), '\s+', ' ', 'g')), '');

-- A message received: not by the own account, and one that someone could
-- answer: spam, trashed comments and joins (a chat's service event) are not.
CREATE OR REPLACE MACRO is_received(own, status, kind) AS
    NOT coalesce(own, false) AND coalesce(status, 'approved') NOT IN ('spam', 'trash') AND coalesce(kind, '') <> 'join';
