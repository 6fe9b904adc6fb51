// Pre-compressed twins of the build's text files: `x.br` and `x.gz` beside `x`, which
// `fupan serve` sends (Content-Encoding br or gzip) to a browser that accepts them. Made once at
// build time at the highest levels, so serving costs no CPU.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Extensions worth compressing: text formats (images and fonts are compressed already). */
const TEXT = /\.(js|mjs|css|html|svg|json|map|txt|xml|webmanifest)$/

/** Every file under `dir`, recursively, as absolute paths. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name))
}

/** The twins of one file: {br, gz} buffers, each only when it is smaller than the file. */
async function twinsOf(data) {
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipAsync(data, { level: 9 }),
  ])
  return { br: br.length < data.length ? br : null, gz: gz.length < data.length ? gz : null }
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`

/**
 * A Vite plugin: after `vite build` has written its output, writes `.br` (brotli, quality 11)
 * and `.gz` (gzip, level 9) beside every text file of at least `minSize` bytes (index.html
 * and the public dir's files included).
 */
export default function compress({ minSize = 1024 } = {}) {
  let logger
  return {
    name: 'fupan:compress',
    apply: 'build',
    configResolved(config) {
      logger = config.logger
    },
    async writeBundle({ dir }) {
      const files = (await filesUnder(dir)).filter((f) => TEXT.test(f))
      let plain = 0
      let brBytes = 0
      let gzBytes = 0
      let count = 0
      await Promise.all(
        files.map(async (file) => {
          if ((await stat(file)).size < minSize) return
          const data = await readFile(file)
          const { br, gz } = await twinsOf(data)
          if (br) await writeFile(`${file}.br`, br)
          if (gz) await writeFile(`${file}.gz`, gz)
          count += 1
          plain += data.length
          brBytes += br?.length ?? data.length
          gzBytes += gz?.length ?? data.length
        }),
      )
      logger.info(
        `compressed ${count} files in ${relative(process.cwd(), dir) || '.'}: ` +
          `${kb(plain)} → ${kb(brBytes)} br, ${kb(gzBytes)} gzip`,
      )
    },
  }
}
