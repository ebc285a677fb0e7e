import type { TeamPicture, TeamRisk } from '#domain/risk/index.ts';

/** Draws a team as a picture (SVG): laid out server-side by a layout library behind this port. */
export type TeamGraph = (
  risk: TeamRisk,
  picture: Pick<TeamPicture, 'members'>,
  options: { scoreAlert: number; title: string },
) => string;
