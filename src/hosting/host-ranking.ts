/**
 * Which hosting offers suit an accommodation request, best first (API.md, Matches). Pure, so
 * the order is unit-tested case by case (host-ranking.spec.ts).
 */

export interface RankedRequest {
  checkIn: string;
  checkOut: string;
  guests: number;
  maxBudgetPerNight: number | null;
  currency: string | null;
  /** The requester's spoken languages. */
  spokenLanguages: readonly string[];
}

export interface RankableOffer {
  id: string;
  availableFrom: string;
  availableTo: string;
  beds: number;
  bedsTaken: number;
  spokenLanguages: readonly string[];
  pricePerNight: number | null;
  currency: string | null;
  createdAt: Date;
}

export interface Ranking {
  sharedLanguages: string[];
  withinBudget: boolean;
  /** Nights the offer is free beyond the stay, before and after: a tighter fit ranks higher. */
  distanceDays: number;
  freeBeds: number;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The offer covers every night of the stay and has a bed for every guest. */
export function suits(offer: RankableOffer, request: RankedRequest): boolean {
  return (
    offer.availableFrom <= request.checkIn &&
    offer.availableTo >= request.checkOut &&
    offer.beds - offer.bedsTaken >= request.guests
  );
}

/**
 * Free (no price or 0) is always within budget; a price is within a budget of the same
 * currency that it does not exceed; with no budget stated, any price is.
 */
export function withinBudget(offer: RankableOffer, request: RankedRequest): boolean {
  if (!offer.pricePerNight) return true;
  if (request.maxBudgetPerNight === null) return true;
  return offer.currency === request.currency && offer.pricePerNight <= request.maxBudgetPerNight;
}

export function rankingOf(offer: RankableOffer, request: RankedRequest): Ranking {
  return {
    sharedLanguages: request.spokenLanguages.filter((l) => offer.spokenLanguages.includes(l)),
    withinBudget: withinBudget(offer, request),
    distanceDays:
      days(offer.availableFrom, request.checkIn) + days(request.checkOut, offer.availableTo),
    freeBeds: offer.beds - offer.bedsTaken,
  };
}

/**
 * The offers that suit the request, ordered by: a shared spoken language, then price within
 * budget, then distance in days; ties go to the cheaper, then the older offer.
 */
export function rankOffers<T extends RankableOffer>(
  offers: readonly T[],
  request: RankedRequest,
): (T & { ranking: Ranking })[] {
  return offers
    .filter((o) => suits(o, request))
    .map((o) => ({ ...o, ranking: rankingOf(o, request) }))
    .sort(
      (a, b) =>
        Number(b.ranking.sharedLanguages.length > 0) -
          Number(a.ranking.sharedLanguages.length > 0) ||
        Number(b.ranking.withinBudget) - Number(a.ranking.withinBudget) ||
        a.ranking.distanceDays - b.ranking.distanceDays ||
        (a.pricePerNight ?? 0) - (b.pricePerNight ?? 0) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
