/**
 * The "round CPU vs record size" chart: a small hand-written SVG (no plotting dependency). Record
 * size on a logarithmic x axis, round CPU time (median, p10–p90 whiskers) on a linear y axis, and the
 * ratio of each median to the smallest record's.
 */
import { duration } from './format.js'

/** One record size's figures (ns per round). */
export interface ChartPoint {
  readonly size: number
  readonly median: number
  readonly p10: number
  readonly p90: number
}

const width = 640
const height = 360
const margin = { left: 72, right: 24, top: 40, bottom: 56 }

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The chart as an SVG document. */
export function roundChart(points: readonly ChartPoint[], subtitle: string): string {
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const sizes = points.map((p) => Math.log10(p.size))
  const xMin = Math.min(...sizes) - 0.15
  const xMax = Math.max(...sizes) + 0.15
  const yMax = niceCeiling(Math.max(...points.map((p) => p.p90)) * 1.1)
  const x = (size: number): number => margin.left + ((Math.log10(size) - xMin) / (xMax - xMin)) * plotW
  const y = (ns: number): number => margin.top + plotH - (ns / yMax) * plotH
  const base = points[0]?.median ?? 1
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="20" font-size="14" font-weight="bold">Round CPU vs record size (1-op round per peer)</text>`,
    `<text x="${margin.left}" y="34" fill="#555">${escape(subtitle)}</text>`,
  ]
  for (let i = 0; i <= 4; i++) {
    const ns = (yMax * i) / 4
    out.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(ns)}" y2="${y(ns)}" stroke="#e5e5e5"/>`)
    out.push(`<text x="${margin.left - 8}" y="${y(ns) + 4}" text-anchor="end" fill="#555">${escape(duration(ns))}</text>`)
  }
  out.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`)
  out.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${y(0)}" stroke="#333"/>`)
  out.push(`<text x="${margin.left + plotW / 2}" y="${height - 12}" text-anchor="middle">entries in the record (log scale)</text>`)
  out.push(`<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${points.map((p) => `${x(p.size)},${y(p.median)}`).join(' ')}"/>`)
  for (const p of points) {
    const px = x(p.size)
    out.push(`<line x1="${px}" x2="${px}" y1="${y(p.p10)}" y2="${y(p.p90)}" stroke="#1f77b4"/>`)
    out.push(`<circle cx="${px}" cy="${y(p.median)}" r="4" fill="#1f77b4"/>`)
    out.push(`<text x="${px}" y="${y(0) + 16}" text-anchor="middle">${p.size.toLocaleString('en-US')}</text>`)
    out.push(`<text x="${px}" y="${y(p.median) - 10}" text-anchor="middle">${escape(`${duration(p.median)} (${(p.median / base).toFixed(2)}×)`)}</text>`)
  }
  out.push('</svg>', '')
  return out.join('\n')
}

function niceCeiling(value: number): number {
  if (value <= 0) return 1
  const step = 10 ** Math.floor(Math.log10(value))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step
  return 10 * step
}
