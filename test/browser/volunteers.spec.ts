import ICAL from 'ical.js';
import { apiClient, createGroup, createPublishedEvent, createUser } from './support/api.js';
import { expect, expectAccessible, test } from './support/fixtures.js';
import { waitForMail } from './support/mail.js';
import { addMember, ok } from './support/manage.js';
import { signIn } from './support/session.js';

const year = new Date().getUTCFullYear() + 1;
/** An instant at `hh:mm` on the PreParty's day in Asia/Almaty (UTC+5). */
const almaty = (hh: number, mm = 0) => new Date(Date.UTC(year, 5, 26, hh - 5, mm)).toISOString();

async function createTask(
  token: string,
  eventId: string,
  title: string,
  from: [number, number],
  to: [number, number],
  volunteersNeeded = 2,
) {
  return ok(
    await apiClient(token).POST('/api/v1/events/{eventId}/tasks', {
      params: { path: { eventId } },
      body: {
        title,
        location: 'Barys Arena, sector C',
        startsAt: almaty(...from),
        endsAt: almaty(...to),
        volunteersNeeded,
      },
    }),
    'create task',
  );
}

test.describe('volunteers and their tasks', () => {
  test('task board: the same volunteer on two tasks at one hour shows the clash; a volunteer signs up from their phone, sees it in My tasks and in the calendar feed at the right local time', async ({
    page,
    context,
    browser,
  }) => {
    test.setTimeout(180_000);
    const organizer = await createUser({ displayName: 'Aigerim Board' });
    const asel = await createUser({ displayName: 'Asel Volunteer' });
    const group = await createGroup(organizer, `Board Crew ${Date.now()}`);
    await addMember(organizer, group.id, asel, 'volunteer');
    const event = await createPublishedEvent(organizer, group.id);
    await createTask(organizer.token, event.id, 'Hang the boards', [15, 0], [16, 0]);
    await createTask(organizer.token, event.id, 'Place LED sticks', [15, 30], [16, 30]);
    await createTask(organizer.token, event.id, 'Decorate the dressing room', [18, 0], [19, 0], 1);

    await signIn(context, organizer);
    await page.goto(`/manage/events/${event.id}?lang=en&tab=tasks`);
    const timeline = page.getByRole('list', { name: 'Tasks by hour' });
    await expect(timeline.getByRole('listitem')).toHaveCount(2);
    await expect(timeline.getByRole('listitem').first()).toContainText('15:00');
    await expect(timeline).toContainText('0 of 2 volunteers');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Assign to Hang the boards' }).click();
    await page.getByRole('button', { name: 'Assign Asel Volunteer' }).click();
    await expect(page.getByRole('status')).toContainText('Asel Volunteer is on Hang the boards.');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Assign to Place LED sticks' }).click();
    const row = page.getByRole('dialog').getByRole('listitem').filter({ hasText: 'Asel' });
    await expect(row).toContainText('busy: Hang the boards, 15:00–16:00');
    await expect(row.getByRole('button', { name: 'Assign Asel Volunteer' })).toBeDisabled();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('article').filter({ hasText: 'Hang the boards' })).toContainText(
      '1 of 2 volunteers',
    );

    // Asel, on her phone, signs up for the free slot in the evening.
    const phone = await browser.newContext({
      baseURL: process.env.BROWSER_BASE_URL,
      viewport: { width: 360, height: 780 },
      isMobile: true,
      hasTouch: true,
    });
    await signIn(phone, asel);
    const mobile = await phone.newPage();
    await mobile.goto('/me/tasks?lang=en');
    await expect(mobile.getByRole('heading', { level: 1 })).toHaveText('My tasks');
    const open = mobile.getByRole('region', { name: 'Open tasks' });
    await expect(open).toContainText('Decorate the dressing room');
    // The LED sticks clash with her boards: no sign-up button, the reason instead.
    await expect(open.getByRole('listitem').filter({ hasText: 'Place LED sticks' })).toContainText(
      'Clashes with your task Hang the boards',
    );
    await expectAccessible(mobile);
    await open.getByRole('button', { name: 'Sign up for Decorate the dressing room' }).tap();
    await expect(mobile.getByRole('status')).toContainText(
      'You signed up for Decorate the dressing room.',
    );
    const upcoming = mobile.getByRole('region', { name: 'Upcoming' });
    await expect(upcoming.getByRole('listitem').filter({ hasText: 'Decorate' })).toContainText(
      '18:00–19:00',
    );
    await expect(upcoming).toContainText('Asia/Almaty time');
    await expectAccessible(mobile);

    // The calendar feed: iCalendar with the task at 18:00 Astana time.
    const feedUrl = await mobile.getByLabel('Your calendar address').inputValue();
    const feed = await phone.request.get(feedUrl);
    expect(feed.ok()).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const task = events.find((e) => e.summary.includes('Decorate the dressing room'));
    expect(task).toBeDefined();
    const start = task!.startDate.toJSDate();
    expect(start.toISOString()).toBe(almaty(18));
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Almaty',
        hour: '2-digit',
        minute: '2-digit',
      }).format(start),
    ).toBe('18:00');
    await phone.close();
  });

  test('help inbox: an accommodation request of a Japanese fan is assigned to a volunteer, who moves it to in progress and resolved; the fan is e-mailed each time; the volunteer sees only what is assigned', async ({
    page,
    context,
    browser,
  }) => {
    test.setTimeout(180_000);
    const organizer = await createUser({ displayName: 'Aigerim Help' });
    const asel = await createUser({ displayName: 'Asel Helper' });
    const sakura = await createUser({ displayName: 'さくら', country: 'JP', language: 'en' });
    const other = await createUser({ displayName: 'Hans', country: 'DE', language: 'en' });
    const group = await createGroup(organizer, `Help Crew ${Date.now()}`);
    await addMember(organizer, group.id, asel, 'volunteer');
    const event = await createPublishedEvent(organizer, group.id);
    ok(
      await apiClient(sakura.token).POST('/api/v1/fan-groups/{groupId}/help-requests', {
        params: { path: { groupId: group.id } },
        body: {
          type: 'accommodation',
          eventId: event.id,
          message: 'We are two fans from Tokyo and need a room near the arena.',
          accommodation: { checkIn: `${year}-06-25`, checkOut: `${year}-06-28`, guests: 2 },
        },
      }),
      'help request',
    );
    ok(
      await apiClient(other.token).POST('/api/v1/fan-groups/{groupId}/help-requests', {
        params: { path: { groupId: group.id } },
        body: { type: 'ticket', message: 'Two tickets, please.', ticket: { quantity: 2 } },
      }),
      'other request',
    );

    await signIn(context, organizer);
    await page.goto(`/manage/groups/${group.slug}/help?lang=en`);
    await expect(page.getByText('2 requests')).toBeVisible();
    await page.getByRole('button', { name: /Type/ }).click();
    await page.getByRole('option', { name: 'Accommodation' }).click();
    await expect(page.getByText('1 request', { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Accommodation: さくら' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accommodation: さくら');
    await page.getByRole('button', { name: /Assignee/ }).click();
    await page.getByRole('option', { name: /Asel Helper/ }).click();
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.getByText('Assigned to Asel Helper').first()).toBeVisible();
    await expectAccessible(page);

    // The volunteer sees only the request assigned to her, and moves it on.
    const volunteer = await browser.newContext({ baseURL: process.env.BROWSER_BASE_URL });
    await signIn(volunteer, asel);
    const vpage = await volunteer.newPage();
    await vpage.goto(`/manage/groups/${group.slug}/help?lang=en`);
    await expect(vpage.getByText('1 request', { exact: true })).toBeVisible();
    await expect(vpage.getByRole('link', { name: /Hans/ })).toHaveCount(0);
    await vpage.getByRole('link', { name: 'Accommodation: さくら' }).click();
    const actions = vpage.getByRole('group', { name: 'Change status' });
    await expect(actions.getByRole('button')).toHaveText(['Start working on it']);
    await actions.getByRole('button', { name: 'Start working on it' }).click();
    await expect(vpage.getByRole('status')).toContainText('Status: In progress');
    await waitForMail(sakura.email, (m) => (m.text ?? '').includes('in progress'));
    await actions.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(vpage.getByRole('status')).toContainText('Status: Resolved');
    await waitForMail(sakura.email, (m) => (m.text ?? '').includes('resolved'));
    const thread = vpage.locator('.thread');
    await expect(thread).toContainText('さくら asked for help');
    await expect(thread).toContainText('set the status to Resolved');
    await vpage.getByLabel('Comment').fill('A host family near the arena is ready for you.');
    await vpage.getByRole('button', { name: 'Send comment' }).click();
    await expect(thread).toContainText('A host family near the arena is ready for you.');
    await expectAccessible(vpage);
    await volunteer.close();
  });
});
