-- Rejects by reason: input lines or records that could not be read, with how
-- many input files they came from and one example location (file:line).
SELECT reason,
       count(*) AS "rows",
       count(DISTINCT source_file) AS files,
       min(source_file || ':' || source_line) AS example
FROM rejects
GROUP BY reason
ORDER BY "rows" DESC, reason;
