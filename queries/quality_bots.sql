-- Bot hits of the period by category and name, beside human hits.
-- bot (SPEC): the agent matches a maintained crawler list, contains a URL,
-- is empty or implausibly short, or its visitor fetched /robots.txt.
SELECT CASE WHEN is_bot THEN coalesce(bot_category, 'other') ELSE '(human)' END AS category,
    CASE WHEN is_bot THEN coalesce(bot_name, '(unnamed)') ELSE '(human)' END AS bot,
    count(*) AS hits,
    count(DISTINCT visitor_id) AS visitors
FROM hits
WHERE ts >= $from AND ts < $to AND ($site = '' OR site = $site)
GROUP BY ALL
ORDER BY hits DESC, bot;
