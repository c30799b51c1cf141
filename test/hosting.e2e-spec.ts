import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, signup, type TestGroup, type TestUser } from './factories/index.js';
import type { Json } from './utils/events.js';
import {
  createOffer,
  createStay,
  HOST_ADDRESS,
  HOST_PHONE,
  memberSpeaking,
  offerBody,
  propose,
} from './utils/hosting.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('hosting offers and host matches', () => {
  let t: TestApp;
  let group: TestGroup;
  let host: TestUser;
  let guest: TestUser;
  let stranger: TestUser;

  const api = (path: string) => `/api/v1${path}`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
    group = await createGroup(t.http);
    host = await memberSpeaking(t.http, group, ['kk', 'ja'], {
      displayName: 'Әсел',
      language: 'kk',
    });
    guest = await memberSpeaking(t.http, group, ['ja', 'en'], { displayName: '佐藤さくら' });
    stranger = await signup(t.http, { displayName: 'Stranger' });
  });

  describe('offers', () => {
    it('lets a member offer beds; the address and phone are shown to the host only', async () => {
      const res = await t.http
        .post(api(`/fan-groups/${group.id}/hosting-offers`))
        .set(bearer(host))
        .send(offerBody({ pricePerNight: 0 }))
        .expect(201);
      expect(res.body).toMatchObject({
        groupId: group.id,
        hostId: host.id,
        city: 'Astana',
        availableFrom: '2027-06-24',
        availableTo: '2027-06-28',
        beds: 2,
        freeBeds: 2,
        // The host's own spoken languages when the offer names none.
        spokenLanguages: ['kk', 'ja'],
        pricePerNight: null,
        address: HOST_ADDRESS,
        phone: HOST_PHONE,
      });
      const asOrganizer = await t.http
        .get(api(`/hosting-offers/${res.body.id}`))
        .set(bearer(group.organizer))
        .expect(200);
      expect(asOrganizer.body).toMatchObject({ address: null, phone: null, beds: 2 });
      const list = await t.http
        .get(api(`/fan-groups/${group.id}/hosting-offers`))
        .set(bearer(group.organizer))
        .expect(200);
      expect(list.body.total).toBe(1);
      expect(JSON.stringify(list.body)).not.toContain('Kabanbay');
      expect(JSON.stringify(list.body)).not.toContain('555');
    });

    it('shows members their own offers only, and refuses strangers (403) and unknown ids (404)', async () => {
      await createOffer(t.http, host, group.id);
      await createOffer(t.http, group.member, group.id);
      const own = await t.http
        .get(api(`/fan-groups/${group.id}/hosting-offers`))
        .set(bearer(host))
        .expect(200);
      expect(own.body.items.map((o: Json) => o.hostId)).toEqual([host.id]);
      await t.http
        .get(api(`/fan-groups/${group.id}/hosting-offers`))
        .set(bearer(stranger))
        .expect(403);
      await t.http
        .post(api(`/fan-groups/${group.id}/hosting-offers`))
        .set(bearer(stranger))
        .send(offerBody())
        .expect(403);
      const offerId = await createOffer(t.http, host, group.id);
      for (const who of [stranger, group.member, guest, group.volunteer]) {
        await t.http
          .get(api(`/hosting-offers/${offerId}`))
          .set(bearer(who))
          .expect(404);
        await t.http
          .patch(api(`/hosting-offers/${offerId}`))
          .set(bearer(who))
          .send({ beds: 1 })
          .expect(404);
        await t.http
          .delete(api(`/hosting-offers/${offerId}`))
          .set(bearer(who))
          .expect(404);
      }
    });

    it.each([
      ['no beds', { beds: 0 }],
      ['too many beds', { beds: 51 }],
      ['dates the wrong way round', { availableFrom: '2027-06-28', availableTo: '2027-06-24' }],
      ['a date that does not exist', { availableFrom: '2027-02-30' }],
      ['a price without currency', { pricePerNight: 5000 }],
      ['a lower-case currency', { pricePerNight: 5000, currency: 'kzt' }],
      ['an unknown language', { spokenLanguages: ['xx'] }],
      ['no address', { address: undefined }],
      ['an unknown field', { bedsTaken: 0 }],
    ])('refuses %s with 400 and stores nothing', async (_name, extra) => {
      await t.http
        .post(api(`/fan-groups/${group.id}/hosting-offers`))
        .set(bearer(host))
        .send(offerBody(extra))
        .expect(400);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM hosting_offers`);
      expect(n).toBe(0);
    });

    it('lets the host and an organizer edit; only the host touches the address', async () => {
      const offerId = await createOffer(t.http, host, group.id);
      const byHost = await t.http
        .patch(api(`/hosting-offers/${offerId}`))
        .set(bearer(host))
        .send({ beds: 3, pricePerNight: 4000, currency: 'KZT', address: 'Mangilik El 1' })
        .expect(200);
      expect(byHost.body).toMatchObject({
        beds: 3,
        pricePerNight: 4000,
        currency: 'KZT',
        address: 'Mangilik El 1',
      });
      const byOrganizer = await t.http
        .patch(api(`/hosting-offers/${offerId}`))
        .set(bearer(group.organizer))
        .send({ note: 'Checked by the organizers' })
        .expect(200);
      expect(byOrganizer.body).toMatchObject({ note: 'Checked by the organizers', address: null });
      await t.http
        .patch(api(`/hosting-offers/${offerId}`))
        .set(bearer(group.organizer))
        .send({ address: 'Elsewhere' })
        .expect(403);
      await t.http
        .patch(api(`/hosting-offers/${offerId}`))
        .set(bearer(host))
        .send({ availableTo: '2027-06-20' })
        .expect(400);
      await t.http
        .patch(api(`/hosting-offers/${offerId}`))
        .set(bearer(host))
        .send({ city: null })
        .expect(400);
      await t.http
        .delete(api(`/hosting-offers/${offerId}`))
        .set(bearer(group.organizer))
        .expect(204);
      await t.http
        .get(api(`/hosting-offers/${offerId}`))
        .set(bearer(host))
        .expect(404);
    });
  });

  describe('suggestions', () => {
    it('ranks a shared language first, then price within budget, then distance in days', async () => {
      const ruHost = await memberSpeaking(t.http, group, ['ru'], { displayName: 'Тимур' });
      const jaPaid = await createOffer(t.http, host, group.id, {
        pricePerNight: 90,
        currency: 'EUR',
      });
      const ruTight = await createOffer(t.http, ruHost, group.id, {
        availableFrom: '2027-06-25',
        availableTo: '2027-06-27',
      });
      const ruWide = await createOffer(t.http, ruHost, group.id, {
        availableFrom: '2027-06-20',
        availableTo: '2027-06-30',
      });
      const ruOverBudget = await createOffer(t.http, ruHost, group.id, {
        availableFrom: '2027-06-25',
        availableTo: '2027-06-27',
        pricePerNight: 200,
        currency: 'EUR',
      });
      // Not suggested: a night missing, too few beds, the guest's own offer.
      await createOffer(t.http, ruHost, group.id, { availableFrom: '2027-06-26' });
      await createOffer(t.http, ruHost, group.id, { beds: 1 });
      await createOffer(t.http, guest, group.id);
      const requestId = await createStay(t.http, guest, group.id, {
        guests: 2,
        maxBudgetPerNight: 100,
        currency: 'EUR',
      });
      const res = await t.http
        .get(api(`/help-requests/${requestId}/host-suggestions`))
        .set(bearer(group.organizer))
        .expect(200);
      expect(res.body.items.map((s: Json) => s.offerId)).toEqual([
        jaPaid,
        ruTight,
        ruWide,
        ruOverBudget,
      ]);
      expect(res.body.items[0]).toMatchObject({
        sharedLanguages: ['ja'],
        withinBudget: true,
        distanceDays: 2,
        freeBeds: 2,
        host: { id: host.id, displayName: 'Әсел' },
        matchId: null,
      });
      expect(res.body.items[3]).toMatchObject({ withinBudget: false, sharedLanguages: [] });
      expect(JSON.stringify(res.body)).not.toContain('Kabanbay');
      expect(JSON.stringify(res.body)).not.toContain(HOST_PHONE);
      expect(JSON.stringify(res.body)).not.toContain(guest.email);
    });

    it('is for organizers and the assignee: the requester 403, others 404', async () => {
      await createOffer(t.http, host, group.id);
      const requestId = await createStay(t.http, guest, group.id);
      await t.http
        .patch(api(`/help-requests/${requestId}`))
        .set(bearer(group.organizer))
        .send({ assigneeId: group.volunteer.id })
        .expect(200);
      await t.http
        .get(api(`/help-requests/${requestId}/host-suggestions`))
        .set(bearer(group.volunteer))
        .expect(200);
      await t.http
        .get(api(`/help-requests/${requestId}/host-suggestions`))
        .set(bearer(guest))
        .expect(403);
      for (const who of [stranger, group.member, host]) {
        await t.http
          .get(api(`/help-requests/${requestId}/host-suggestions`))
          .set(bearer(who))
          .expect(404);
      }
    });
  });

  describe('matches', () => {
    it('goes from a proposal to both accepting: beds taken, request resolved, contacts e-mailed', async () => {
      const offerId = await createOffer(t.http, host, group.id);
      const requestId = await createStay(t.http, guest, group.id);
      const proposed = await t.http
        .post(api(`/help-requests/${requestId}/host-matches`))
        .set(bearer(group.organizer))
        .send({ offerId })
        .expect(201);
      expect(proposed.body).toMatchObject({
        status: 'proposed',
        hostAccepted: false,
        guestAccepted: false,
        contact: null,
        checkIn: '2027-06-25',
        checkOut: '2027-06-27',
      });
      const matchId: string = proposed.body.id;
      // Both hear of the proposal, each in their language, without the other's contact.
      const [toHost] = await t.smtp.waitFor(
        (m) => m.subject === '佐藤さくら қонаққа қабылдай аласыз ба?',
      );
      const [toGuest] = await t.smtp.waitFor((m) => m.subject === 'A host for your stay: Әсел');
      expect(toHost.subject).toContain('佐藤さくら');
      expect(toGuest.subject).toBe('A host for your stay: Әсел');
      for (const m of [toHost, toGuest]) {
        const all = `${m.subject} ${m.text} ${m.html}`;
        expect(all).not.toContain('Kabanbay');
        expect(all).not.toContain(HOST_PHONE);
        expect(all).not.toContain(guest.email);
        expect(all).not.toContain(host.email);
      }

      // Each side answers only for itself; organizers cannot answer for them.
      await t.http
        .post(api(`/host-matches/${matchId}/accept`))
        .set(bearer(group.organizer))
        .expect(403);
      await t.http
        .post(api(`/host-matches/${matchId}/accept`))
        .set(bearer(stranger))
        .expect(404);
      const halfway = await t.http
        .post(api(`/host-matches/${matchId}/accept`))
        .set(bearer(host))
        .expect(200);
      expect(halfway.body).toMatchObject({
        status: 'proposed',
        hostAccepted: true,
        guestAccepted: false,
        yourSide: 'host',
        contact: null,
      });
      await t.smtp.waitFor((m) => m.subject === 'Әсел accepted the stay');
      const done = await t.http
        .post(api(`/host-matches/${matchId}/accept`))
        .set(bearer(guest))
        .expect(200);
      expect(done.body).toMatchObject({
        status: 'accepted',
        yourSide: 'guest',
        contact: {
          displayName: 'Әсел',
          email: host.email,
          address: HOST_ADDRESS,
          phone: HOST_PHONE,
        },
      });
      const asHost = await t.http
        .get(api(`/host-matches/${matchId}`))
        .set(bearer(host))
        .expect(200);
      expect(asHost.body.contact).toEqual({
        displayName: '佐藤さくら',
        email: guest.email,
        address: null,
        phone: null,
      });
      const asOrganizer = await t.http
        .get(api(`/host-matches/${matchId}`))
        .set(bearer(group.organizer))
        .expect(200);
      expect(asOrganizer.body.contact).toBeNull();

      const offer = await t.http.get(api(`/hosting-offers/${offerId}`)).set(bearer(host));
      expect(offer.body).toMatchObject({ beds: 2, bedsTaken: 1, freeBeds: 1 });
      const request = await t.http.get(api(`/help-requests/${requestId}`)).set(bearer(guest));
      expect(request.body.status).toBe('resolved');
      expect(request.body.history.at(-1)).toMatchObject({
        action: 'status',
        fromStatus: 'open',
        toStatus: 'resolved',
        actorId: guest.id,
      });

      // The contact e-mail to each side: the other's name and e-mail, the address and note.
      const [hostContact] = await t.smtp.waitFor(
        (m) => m.subject === 'Сіз қонақ қабылдайсыз: 佐藤さくら',
      );
      expect(hostContact.text).toContain(guest.email);
      const [guestContact] = await t.smtp.waitFor(
        (m) => m.subject === 'Your stay with Әсел is confirmed',
      );
      expect(guestContact.text).toContain(host.email);
      expect(guestContact.text).toContain(HOST_ADDRESS);
      expect(guestContact.text).toContain(HOST_PHONE);
      expect(guestContact.text).toContain('15 minutes from the stadium');
      expect(guestContact.html).toContain('lang="en"');
      expect(hostContact.html).toContain('lang="kk"');
    });

    it('tells the other side of a decline, and a declined match cannot be accepted', async () => {
      const offerId = await createOffer(t.http, host, group.id);
      const requestId = await createStay(t.http, guest, group.id);
      const matchId = await propose(t.http, group.organizer, requestId, offerId);
      const declined = await t.http
        .post(api(`/host-matches/${matchId}/decline`))
        .set(bearer(guest))
        .expect(200);
      expect(declined.body).toMatchObject({ status: 'declined', declinedBy: 'guest' });
      await t.smtp.waitFor((m) => m.subject === '佐藤さくら бас тартты');
      const again = await t.http
        .post(api(`/host-matches/${matchId}/accept`))
        .set(bearer(host))
        .expect(409);
      expect(again.body.code).toBe('INVALID_TRANSITION');
      // Declined frees the pair for a new proposal.
      await propose(t.http, group.organizer, requestId, offerId);
    });

    it('refuses proposals that cannot work', async () => {
      const offerId = await createOffer(t.http, host, group.id, { beds: 1 });
      const requestId = await createStay(t.http, guest, group.id);
      const post = (body: object, who: TestUser = group.organizer) =>
        t.http
          .post(api(`/help-requests/${requestId}/host-matches`))
          .set(bearer(who))
          .send(body);
      await propose(t.http, group.organizer, requestId, offerId);
      expect((await post({ offerId })).body.code).toBe('ALREADY_PROPOSED');
      const bigStay = await createStay(t.http, guest, group.id, { guests: 2 });
      const noBeds = await t.http
        .post(api(`/help-requests/${bigStay}/host-matches`))
        .set(bearer(group.organizer))
        .send({ offerId });
      expect([noBeds.status, noBeds.body.code]).toEqual([409, 'NO_BEDS']);
      const lateStay = await createStay(t.http, guest, group.id, {
        checkIn: '2027-06-27',
        checkOut: '2027-06-30',
      });
      const dates = await t.http
        .post(api(`/help-requests/${lateStay}/host-matches`))
        .set(bearer(group.organizer))
        .send({ offerId });
      expect([dates.status, dates.body.code]).toEqual([409, 'DATES_NOT_COVERED']);
      const other = await signup(t.http);
      const otherGroup = await t.http
        .post(api('/fan-groups'))
        .set(bearer(other))
        .send({ name: 'Other fans' })
        .expect(201);
      const foreignOffer = await createOffer(t.http, other, otherGroup.body.id);
      await post({ offerId: foreignOffer }).expect(400);
      await post({ offerId: 'not-a-uuid' }).expect(400);
      await post({ offerId }, guest).expect(403);
      await post({ offerId }, stranger).expect(404);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM host_matches`);
      expect(n).toBe(1);
    });

    it('gives the last beds to exactly one of the matches accepted at the same moment', async () => {
      const offerId = await createOffer(t.http, host, group.id, { beds: 2 });
      const guests = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          memberSpeaking(t.http, group, ['ja'], { displayName: `Guest ${i}` }),
        ),
      );
      const matchIds: string[] = [];
      for (const g of guests) {
        const requestId = await createStay(t.http, g, group.id);
        const matchId = await propose(t.http, group.organizer, requestId, offerId);
        await t.http
          .post(api(`/host-matches/${matchId}/accept`))
          .set(bearer(host))
          .expect(200);
        matchIds.push(matchId);
      }
      const answers = await Promise.all(
        guests.map((g, i) =>
          t.http.post(api(`/host-matches/${matchIds[i]}/accept`)).set(bearer(g)),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('NO_BEDS');
      const [offer] = await t.db.query(
        `SELECT beds, beds_taken FROM hosting_offers WHERE id = $1`,
        [offerId],
      );
      expect(offer).toEqual({ beds: 2, beds_taken: 2 });
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM host_matches WHERE status = 'accepted'`,
      );
      expect(n).toBe(2);
      // The database refuses over-taking whatever the application does.
      await expect(
        t.db.query(`UPDATE hosting_offers SET beds_taken = beds + 1 WHERE id = $1`, [offerId]),
      ).rejects.toThrow(/CHK_hosting_offers_beds/);
      const deletion = await t.http.delete(api(`/hosting-offers/${offerId}`)).set(bearer(host));
      expect([deletion.status, deletion.body.code]).toEqual([409, 'OFFER_MATCHED']);
      const fewer = await t.http
        .patch(api(`/hosting-offers/${offerId}`))
        .set(bearer(host))
        .send({ beds: 1 });
      expect([fewer.status, fewer.body.code]).toEqual([409, 'BEDS_TAKEN']);
    });

    it('withdraws the other proposals of a request once one is accepted', async () => {
      const second = await memberSpeaking(t.http, group, ['ru']);
      const offerA = await createOffer(t.http, host, group.id);
      const offerB = await createOffer(t.http, second, group.id);
      const requestId = await createStay(t.http, guest, group.id);
      const a = await propose(t.http, group.organizer, requestId, offerA);
      const b = await propose(t.http, group.organizer, requestId, offerB);
      await t.http
        .post(api(`/host-matches/${a}/accept`))
        .set(bearer(guest))
        .expect(200);
      await t.http
        .post(api(`/host-matches/${a}/accept`))
        .set(bearer(host))
        .expect(200);
      const list = await t.http
        .get(api(`/help-requests/${requestId}/host-matches`))
        .set(bearer(guest))
        .expect(200);
      const byId = Object.fromEntries(list.body.items.map((m: Json) => [m.id, m.status]));
      expect(byId).toEqual({ [a]: 'accepted', [b]: 'withdrawn' });
      const late = await t.http.post(api(`/host-matches/${b}/accept`)).set(bearer(second));
      expect(late.status).toBe(409);
    });

    it('never shows the host’s address or phone or the guest’s e-mail to anyone before both accept', async () => {
      const offerId = await createOffer(t.http, host, group.id);
      const requestId = await createStay(t.http, guest, group.id);
      await t.http
        .patch(api(`/help-requests/${requestId}`))
        .set(bearer(group.organizer))
        .send({ assigneeId: group.volunteer.id })
        .expect(200);
      const matchId = await propose(t.http, group.volunteer, requestId, offerId);
      await t.http
        .post(api(`/host-matches/${matchId}/accept`))
        .set(bearer(host))
        .expect(200);
      const reads: [TestUser, string][] = [
        [guest, `/host-matches/${matchId}`],
        [guest, '/me/host-matches'],
        [guest, `/help-requests/${requestId}/host-matches`],
        [guest, `/help-requests/${requestId}`],
        [guest, '/me/export'],
        [host, `/host-matches/${matchId}`],
        [host, '/me/host-matches'],
        [host, '/me/export'],
        [group.organizer, `/host-matches/${matchId}`],
        [group.organizer, `/help-requests/${requestId}/host-suggestions`],
        [group.organizer, `/fan-groups/${group.id}/hosting-offers`],
        [group.organizer, `/fan-groups/${group.id}/help-requests`],
        [group.volunteer, `/host-matches/${matchId}`],
        [group.volunteer, `/help-requests/${requestId}/host-suggestions`],
      ];
      for (const [who, path] of reads) {
        const res = await t.http.get(api(path)).set(bearer(who));
        expect([path, res.status]).toEqual([path, 200]);
        const body = JSON.stringify(res.body);
        if (who !== host) {
          expect([path, body.includes('Kabanbay'), body.includes(HOST_PHONE)]).toEqual([
            path,
            false,
            false,
          ]);
        }
        if (who !== guest) expect([path, body.includes(guest.email)]).toEqual([path, false]);
      }
      for (const path of [`/host-matches/${matchId}`, `/help-requests/${requestId}/host-matches`]) {
        await t.http.get(api(path)).set(bearer(stranger)).expect(404);
        await t.http.get(api(path)).set(bearer(group.member)).expect(404);
      }
      // Nothing sent so far carries them either.
      await t.smtp.waitFor(() => true, 3);
      for (const m of t.smtp.messages) {
        const all = `${m.subject} ${m.text} ${m.html}`;
        expect(all).not.toContain('Kabanbay');
        expect(all).not.toContain(HOST_PHONE);
        expect(all).not.toContain(guest.email);
      }
    });
  });
});
