import { createGroup, createPublishedEvent, createUser } from './support/api.js';
import { catalogs } from './support/catalogs.js';
import { expect, test } from './support/fixtures.js';
import { signIn } from './support/session.js';

const m = catalogs.en;

test('two fans on the page: seats run out, the second is waitlisted #1 and moves up without a reload', async ({
  browser,
  baseURL,
}) => {
  const organizer = await createUser({ displayName: 'Organizer' });
  const group = await createGroup(organizer, `Two-seat crew ${Date.now()}`);
  const event = await createPublishedEvent(organizer, group.id, {
    capacity: 1,
    title: `Last seat ${Date.now()}`,
  });
  const first = await createUser({ displayName: 'First Fan' });
  const second = await createUser({ displayName: 'Second Fan' });

  const [a, b] = await Promise.all([
    browser.newContext({ baseURL }),
    browser.newContext({ baseURL }),
  ]);
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await signIn(pageA, first);
  await signIn(pageB, second);
  const seatsB = pageB.getByRole('complementary', { name: m['event.seats'] });
  await pageA.goto(`/events/${event.id}?lang=en`);
  await pageB.goto(`/events/${event.id}?lang=en`);
  await expect(pageB.getByText('1 seat left')).toBeVisible();

  // The first fan takes the last seat; the second fan's open page follows.
  await pageA.getByRole('button', { name: m['event.register'] }).click();
  await expect(pageA.getByText(m['event.youAreRegistered'])).toBeVisible();
  await expect(pageA.getByRole('status')).toContainText(m['event.status.confirmed']);
  await expect(pageB.getByText(m['event.noSeatsLeft'])).toBeVisible();
  await pageB.getByRole('button', { name: m['event.joinWaitlist'] }).click();
  await expect(
    seatsB.getByText(m['event.youAreWaitlisted'].replace('{position}', '1')),
  ).toBeVisible();

  // The first fan cancels: the second one is confirmed on the page she kept open.
  await pageA.getByRole('button', { name: m['event.cancel'] }).click();
  await pageA
    .getByRole('alertdialog')
    .getByRole('button', { name: m['event.cancel.confirm'] })
    .click();
  await expect(pageA.getByRole('button', { name: m['event.register'] })).toHaveCount(0);
  await expect(seatsB.getByText(m['event.youAreRegistered'])).toBeVisible({ timeout: 20_000 });
  await expect(pageB.getByRole('status')).toContainText(m['event.status.promoted']);
  await Promise.all([a.close(), b.close()]);
});
