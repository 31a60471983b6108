// Reads whole Parquet files with hyparquet, a strict JavaScript reader
// that refuses files other readers tolerate (e.g. a column chunk with an
// empty path_in_schema), and prints one JSON line per file:
//
//   {"file": F, "rows": N, "columns": {NAME: {"kind": K, "nonNull": N, "sum": "S"}}}
//   {"file": F, "error": "..."}
//
// per top-level column: how many values are not null, and a sum (of the
// values for integers, of true for booleans, of lengths in bytes for
// text, of elements for lists, of microseconds since the epoch for
// timestamps), the numbers ingest's tests get from DuckDB for the same
// file. Sums are decimal strings: they pass 2^53.
//
// Usage: node hyparquet-check.mjs NODE_MODULES_DIR FILE...
// The modules folder is passed in because the modules are installed
// outside the repository (see parquetcheck.go), where no import
// specifier of this script would find them.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'

const [modules, ...files] = process.argv.slice(2)
const req = createRequire(join(modules, 'noop.js'))
const load = name => import(pathToFileURL(req.resolve(name)).href)
const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } = await load('hyparquet')
const { compressors } = await load('hyparquet-compressors')

// Values as written, not as JavaScript would round them: text stays bytes
// (an invalid UTF-8 sequence would otherwise become U+FFFD, three bytes),
// timestamps stay integers of microseconds (a Date keeps milliseconds).
const ts = mult => v => ({ micros: BigInt(v) * mult })
const parsers = {
  stringFromBytes: b => b,
  timestampFromMilliseconds: ts(1000n),
  timestampFromMicroseconds: ts(1n),
  timestampFromNanoseconds: v => ({ micros: BigInt(v) / 1000n }),
}

// kindOf tells how to sum a top-level column, from the file's schema.
function kindOf(node) {
  const e = node.element
  const logical = e.logical_type?.type
  if (node.children.length > 0) {
    if (e.converted_type === 'LIST' || logical === 'LIST') return 'list'
    throw new Error(`column ${e.name}: group of type ${e.converted_type ?? logical ?? 'none'} not handled`)
  }
  if (logical === 'TIMESTAMP' || e.converted_type?.startsWith('TIMESTAMP')) return 'timestamp'
  switch (e.type) {
    case 'BOOLEAN': return 'bool'
    case 'INT32': case 'INT64': return 'int'
    case 'FLOAT': case 'DOUBLE': return 'float'
    case 'BYTE_ARRAY': case 'FIXED_LEN_BYTE_ARRAY': return 'text'
  }
  throw new Error(`column ${e.name}: type ${e.type} not handled`)
}

function amount(kind, v) {
  switch (kind) {
    case 'bool': return v ? 1n : 0n
    case 'int': return BigInt(v)
    // micro-units, rounded half away from zero, as Go and DuckDB round
    case 'float': return BigInt(Math.sign(v) * Math.round(Math.abs(v) * 1e6))
    case 'text': return BigInt(v.byteLength)
    case 'list': return BigInt(v.length)
    case 'timestamp': return v.micros
  }
}

async function check(path) {
  const file = await asyncBufferFromFile(path)
  const metadata = await parquetMetadataAsync(file)
  const cols = parquetSchema(metadata).children.map(c => ({ name: c.element.name, kind: kindOf(c) }))
  const rows = await parquetReadObjects({ file, metadata, compressors, parsers, utf8: false })
  if (BigInt(rows.length) !== BigInt(metadata.num_rows)) {
    throw new Error(`read ${rows.length} rows, the footer says ${metadata.num_rows}`)
  }
  const columns = {}
  for (const { name, kind } of cols) {
    let nonNull = 0
    let sum = 0n
    for (const row of rows) {
      const v = row[name]
      if (v === null || v === undefined) continue
      nonNull++
      sum += amount(kind, v)
    }
    columns[name] = { kind, nonNull, sum: sum.toString() }
  }
  return { file: path, rows: rows.length, columns }
}

for (const path of files) {
  let out
  try {
    out = await check(path)
  } catch (err) {
    out = { file: path, error: String(err?.message ?? err) }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}
