import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import type { TeamGraph } from '#ports/risk/index.ts';

interface Node extends SimulationNodeDatum {
  id: string;
  kind: 'person' | 'account';
  label: string;
  radius: number;
  score?: number;
}
interface Link extends SimulationLinkDatum<Node> {
  kind: 'referral' | 'knows';
  strength: number;
}

const xmlText = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A seeded random source: the same team gives the same picture, byte for byte. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const width = 960;
const height = 720;

/**
 * The team as a picture: people (sized by the revenue they know, red as their score nears the alert
 * threshold), referral arrows, and knowledge links to the key accounts (sized by revenue; a thick line
 * is a strong degree). Laid out server-side by d3-force with a fixed seed and a fixed number of ticks.
 */
export const teamGraphSvg: TeamGraph = (risk, picture, options) => {
  const maxRevenue = Math.max(1, ...risk.assessedCustomers.map((c) => c.revenueMinor));
  const knownRevenue = new Map<string, number>();
  for (const c of risk.assessedCustomers)
    for (const k of c.knowers)
      if (k.knows) knownRevenue.set(k.employeeId, (knownRevenue.get(k.employeeId) ?? 0) + c.revenueMinor);
  const maxKnown = Math.max(1, ...knownRevenue.values());
  const score = new Map(risk.people.map((p) => [p.employeeId, p.score]));
  const members = new Set(picture.members.map((m) => m.id));

  const nodes: Node[] = picture.members.map((m) => ({
    id: m.id,
    kind: 'person',
    label: m.nameLatin ? `${m.name} ${m.nameLatin}` : m.name,
    radius: 10 + 22 * Math.sqrt((knownRevenue.get(m.id) ?? 0) / maxKnown),
    score: score.get(m.id) ?? 0,
  }));
  const accounts = risk.assessedCustomers.filter((c) => c.tier === 'key');
  for (const c of accounts)
    nodes.push({
      id: `C:${c.customerId}`,
      kind: 'account',
      label: c.name,
      radius: 8 + 18 * Math.sqrt(c.revenueMinor / maxRevenue),
    });
  const links: Link[] = [];
  for (const m of picture.members)
    if (m.referrerId && members.has(m.referrerId))
      links.push({ source: m.referrerId, target: m.id, kind: 'referral', strength: 1 });
  for (const c of accounts)
    for (const k of c.knowers)
      if (members.has(k.employeeId) && k.degree > 0)
        links.push({
          source: k.employeeId,
          target: `C:${c.customerId}`,
          kind: 'knows',
          strength: k.shareOfBest,
        });

  const simulation = forceSimulation(nodes)
    .randomSource(seeded(nodes.length * 7919 + links.length))
    .force(
      'link',
      forceLink<Node, Link>(links)
        .id((n) => n.id)
        .distance((l) => (l.kind === 'referral' ? 90 : 130)),
    )
    .force('charge', forceManyBody().strength(-260))
    .force(
      'collide',
      forceCollide<Node>((n) => n.radius + 6),
    )
    .force('x', forceX(0).strength(0.05))
    .force('y', forceY(0).strength(0.05))
    .stop();
  simulation.tick(300);

  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs, 0),
    Math.max(...xs, 0),
    Math.min(...ys, 0),
    Math.max(...ys, 0),
  ];
  const scale = Math.min(
    (width - 160) / Math.max(1, maxX - minX),
    (height - 200) / Math.max(1, maxY - minY),
    1.5,
  );
  const px = (x = 0) => (80 + (x - minX) * scale).toFixed(1);
  const py = (y = 0) => (120 + (y - minY) * scale).toFixed(1);
  const colour = (s: number) => {
    const t = Math.min(1, s / Math.max(1, options.scoreAlert));
    return `rgb(${Math.round(80 + 175 * t)},${Math.round(160 - 110 * t)},${Math.round(200 - 150 * t)})`;
  };
  const end = (l: Link) => [l.source as Node, l.target as Node] as const;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'Noto Sans CJK SC', 'Noto Sans', sans-serif">`,
    `<title>${xmlText(options.title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7a7a7a"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="24" y="36" font-size="20" font-weight="bold">${xmlText(options.title)}</text>`,
    `<text x="24" y="62" font-size="14">Revenue bus factor ${risk.busFactor.value} · ${risk.members} people · ${accounts.length} key accounts · as of ${risk.asOf} · weights v${risk.weightsVersion}</text>`,
    '<text x="24" y="84" font-size="12" fill="#555">● person (size: revenue they know; red: risk score) ■ key account (size: revenue) → referral — knows (thickness: degree)</text>',
  ];
  for (const l of links) {
    const [a, b] = end(l);
    if (l.kind === 'referral') {
      // Stop the arrow at the edge of the circle it points to.
      const dx = (b.x ?? 0) - (a.x ?? 0);
      const dy = (b.y ?? 0) - (a.y ?? 0);
      const length = Math.max(1, Math.hypot(dx, dy));
      const tx = (b.x ?? 0) - ((dx / length) * (b.radius + 2)) / scale;
      const ty = (b.y ?? 0) - ((dy / length) * (b.radius + 2)) / scale;
      parts.push(
        `<line class="referral" x1="${px(a.x)}" y1="${py(a.y)}" x2="${px(tx)}" y2="${py(ty)}" stroke="#7a7a7a" stroke-dasharray="5 3" marker-end="url(#arrow)"/>`,
      );
    } else
      parts.push(
        `<line class="knows" x1="${px(a.x)}" y1="${py(a.y)}" x2="${px(b.x)}" y2="${py(b.y)}" stroke="#d08a2c" stroke-opacity="0.7" stroke-width="${(1 + 5 * l.strength).toFixed(1)}"/>`,
      );
  }
  for (const n of nodes) {
    const [x, y] = [px(n.x), py(n.y)];
    if (n.kind === 'person')
      parts.push(
        `<g class="person" data-id="${xmlText(n.id)}"><circle cx="${x}" cy="${y}" r="${n.radius.toFixed(1)}" fill="${colour(n.score ?? 0)}" stroke="#333"/><text x="${x}" y="${(Number(y) + n.radius + 14).toFixed(1)}" font-size="12" text-anchor="middle">${xmlText(n.label)} (${n.score ?? 0})</text></g>`,
      );
    else {
      const r = n.radius;
      parts.push(
        `<g class="account" data-id="${xmlText(n.id.slice(2))}"><rect x="${(Number(x) - r).toFixed(1)}" y="${(Number(y) - r).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(2 * r).toFixed(1)}" fill="#f4d27a" stroke="#8a6d1f"/><text x="${x}" y="${(Number(y) + r + 13).toFixed(1)}" font-size="11" text-anchor="middle">${xmlText(n.label)}</text></g>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
};
