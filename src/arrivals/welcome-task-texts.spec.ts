import { describe, expect, it } from '@jest/globals';
import { welcomeTaskTexts } from './welcome-task-texts.js';

describe('welcome task texts', () => {
  const hour = {
    place: 'NQZ',
    localDate: '2027-06-25',
    from: '19:00',
    to: '20:00',
    timezone: 'Asia/Almaty',
    arrivals: 3,
    languages: [
      { language: 'en', count: 3 },
      { language: 'ja', count: 1 },
    ],
  };

  it('names the place and the local hour in English, Russian and Kazakh', () => {
    const t = welcomeTaskTexts(hour);
    expect(t.title).toBe('Welcome at NQZ, 19:00–20:00');
    expect(t.translations.ru?.title).toBe('Встреча в NQZ, 19:00–20:00');
    expect(t.translations.kk?.title).toBe('NQZ: қарсы алу, 19:00–20:00');
    for (const text of [
      t.description,
      t.translations.ru?.description,
      t.translations.kk?.description,
    ]) {
      expect(text).toContain('en ×3, ja ×1');
      expect(text).toContain('2027-06-25');
      expect(text).toContain('Asia/Almaty');
    }
  });

  it('leaves the languages out when nobody said which they speak', () => {
    const t = welcomeTaskTexts({ ...hour, languages: [] });
    expect(t.description).not.toContain('Languages');
    expect(t.translations.ru?.description).not.toContain('Языки');
  });
});
