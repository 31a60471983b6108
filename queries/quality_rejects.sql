-- Rejects of the reported site (all sites when none is chosen), by reason,
-- over all the data: input lines that could not be read, with how many files
-- they came from and one example location (file:line).
SELECT reason,
       count(*) AS "rows",
       count(DISTINCT source_file) AS files,
       min(source_file || ':' || source_line) AS example
FROM rejects
WHERE $site = '' OR site = $site
GROUP BY reason
ORDER BY "rows" DESC, reason;
