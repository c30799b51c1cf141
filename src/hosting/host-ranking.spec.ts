import { describe, expect, it } from '@jest/globals';
import { type RankableOffer, type RankedRequest, rankOffers } from './host-ranking.js';

const request: RankedRequest = {
  checkIn: '2027-06-25',
  checkOut: '2027-06-27',
  guests: 1,
  maxBudgetPerNight: 50,
  currency: 'EUR',
  spokenLanguages: ['ja', 'en'],
};

let n = 0;
const offer = (id: string, extra: Partial<RankableOffer> = {}): RankableOffer => ({
  id,
  availableFrom: '2027-06-25',
  availableTo: '2027-06-27',
  beds: 2,
  bedsTaken: 0,
  spokenLanguages: [],
  pricePerNight: null,
  currency: null,
  createdAt: new Date(Date.UTC(2027, 0, 1, 0, 0, n++)),
  ...extra,
});

const order = (offers: RankableOffer[], r: Partial<RankedRequest> = {}) =>
  rankOffers(offers, { ...request, ...r }).map((o) => o.id);

describe('host suggestions ranking', () => {
  it.each<[string, RankableOffer[], Partial<RankedRequest>, string[]]>([
    [
      'a shared language beats a better price and a tighter fit',
      [
        offer('paid-kk', { spokenLanguages: ['kk'], pricePerNight: 10, currency: 'EUR' }),
        offer('ja-wide', {
          spokenLanguages: ['ja'],
          pricePerNight: 40,
          currency: 'EUR',
          availableFrom: '2027-06-20',
          availableTo: '2027-06-30',
        }),
      ],
      {},
      ['ja-wide', 'paid-kk'],
    ],
    [
      'within budget beats over budget among speakers',
      [
        offer('over', { spokenLanguages: ['en'], pricePerNight: 80, currency: 'EUR' }),
        offer('within', { spokenLanguages: ['en'], pricePerNight: 50, currency: 'EUR' }),
      ],
      {},
      ['within', 'over'],
    ],
    [
      'a price in another currency is not within budget; free always is',
      [offer('yen', { pricePerNight: 3000, currency: 'JPY' }), offer('free', { pricePerNight: 0 })],
      {},
      ['free', 'yen'],
    ],
    [
      'with no budget stated, any price fits and the tighter dates win',
      [
        offer('wide', { pricePerNight: 20, currency: 'EUR', availableFrom: '2027-06-23' }),
        offer('tight', { pricePerNight: 90, currency: 'EUR' }),
      ],
      { maxBudgetPerNight: null, currency: null },
      ['tight', 'wide'],
    ],
    [
      'distance counts the days before and after the stay',
      [
        offer('two-after', { availableTo: '2027-06-29' }),
        offer('one-each-side', { availableFrom: '2027-06-24', availableTo: '2027-06-28' }),
        offer('one-before', { availableFrom: '2027-06-24' }),
      ],
      {},
      ['one-before', 'two-after', 'one-each-side'],
    ],
    [
      'an offer missing a night of the stay is left out',
      [
        offer('starts-late', { availableFrom: '2027-06-26' }),
        offer('ends-early', { availableTo: '2027-06-26' }),
        offer('covers'),
      ],
      {},
      ['covers'],
    ],
    [
      'an offer without enough free beds is left out',
      [
        offer('full', { beds: 3, bedsTaken: 2 }),
        offer('two-free', { beds: 3, bedsTaken: 1 }),
        offer('one-bed', { beds: 1 }),
      ],
      { guests: 2 },
      ['two-free'],
    ],
    [
      'ties go to the cheaper, then the older offer',
      [
        offer('older-paid', { pricePerNight: 30, currency: 'EUR' }),
        offer('newer-free'),
        offer('newest-free'),
      ],
      {},
      ['newer-free', 'newest-free', 'older-paid'],
    ],
  ])('%s', (_name, offers, r, expected) => {
    expect(order(offers, r)).toEqual(expected);
  });

  it('reports the shared languages in the requester’s order, the budget fit and free beds', () => {
    const [ranked] = rankOffers(
      [offer('o', { spokenLanguages: ['en', 'ja', 'ru'], beds: 3, bedsTaken: 1 })],
      request,
    );
    expect(ranked.ranking).toEqual({
      sharedLanguages: ['ja', 'en'],
      withinBudget: true,
      distanceDays: 0,
      freeBeds: 2,
    });
  });
});
