// Package sampledata generates the web server access log of a small
// technical blog, in the Apache/Nginx combined format, for cmpulse's demo
// and for tests that need realistic input without shipping real visitors'
// data.
//
// The log is made up but behaves like a real one, because the features a
// report must get right only show up in realistic traffic:
//
//   - readers come in visits: page views seconds to minutes apart, each page
//     followed within two seconds by its stylesheet, scripts and images with
//     the page as referrer, each page after the first with the previous page
//     as referrer; regular readers come back on other days from the same
//     address with the same browser;
//   - about forty posts with Zipf-like popularity, some published during the
//     period (never requested before, a burst of readers on the day), plus
//     the home page, tag pages, an about page and a second index page;
//   - visits arrive from no referrer, search engines (with and without search
//     terms), social networks, sites that link to a post, and newsletters;
//   - a fifth of the lines are bots: search, SEO and AI crawlers that read
//     robots.txt, an uptime monitor, feed readers, scripts and vulnerability
//     scanners, all with their real user agents;
//   - 404s, 301s, 304s, a few 500s, HEAD and POST requests, IPv6 clients;
//   - weekly and daily rhythms, two spikes and an outage on fixed days (see
//     Spikes and Dips), so tests can check that a report finds them.
//
// Everything comes from Config.Seed: the same Config gives the same bytes.
// Output is made a day at a time, so a long period never sits in memory.
package sampledata
