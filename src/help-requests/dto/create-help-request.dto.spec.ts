import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { AppValidationPipe } from '../../common/app-validation.pipe.js';
import { CreateHelpRequestDto, decimalPlaces } from './create-help-request.dto.js';

describe('help request budgets', () => {
  it('counts decimal places in exponent notation too', () => {
    expect(decimalPlaces(60)).toBe(0);
    expect(decimalPlaces(60.5)).toBe(1);
    expect(decimalPlaces(0.29)).toBe(2);
    expect(decimalPlaces(1e-12)).toBe(12);
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(1e21)).toBe(0);
  });

  const validate = (ticket: Record<string, unknown>) =>
    new AppValidationPipe().transform(
      { type: 'ticket', message: 'Two tickets', ticket },
      { type: 'body', metatype: CreateHelpRequestDto },
    );

  it('refuses a budget written in exponent notation with 400 (class-validator threw a 500)', async () => {
    for (const maxBudget of [1e-12, 1.5e-7, 0.001]) {
      await expect(validate({ quantity: 1, maxBudget, currency: 'EUR' })).rejects.toBeInstanceOf(
        BadRequestException,
      );
    }
  });

  it('accepts a budget with up to two decimals', async () => {
    await expect(validate({ quantity: 2, maxBudget: 60.5, currency: 'EUR' })).resolves.toBeTruthy();
    await expect(validate({ quantity: 2, maxBudget: 0.29, currency: 'EUR' })).resolves.toBeTruthy();
  });
});
