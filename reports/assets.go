package reports

import _ "embed"

// echartsJS is Apache ECharts 5.6.0 (dist/echarts.min.js of the npm
// package), the major version go-echarts v2 generates options for. It is
// embedded so that a report works offline, opened from disk, and written
// beside the pages on every run.
//
//go:embed assets/echarts.min.js
var echartsJS []byte

// EchartsLicense is the licence of the embedded echarts.min.js (Apache-2.0,
// with its NOTICE and the licence of the d3 code it contains), for a
// command that lists the licences of what it ships.
//
//go:embed assets/LICENSE-echarts.txt
var EchartsLicense string

//go:embed assets/style.css
var stylesheet []byte

//go:embed templates/page.gohtml
var pageTemplateText string
