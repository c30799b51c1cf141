import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { AppConflict } from '../common/app-exception.js';
import { type Page, page, type PaginationQueryDto } from '../common/pagination.js';
import { PG, pgError } from '../database/pg-errors.js';
import { GroupAccess } from '../fan-groups/group-access.service.js';
import {
  type CreateHostingOfferDto,
  type HostingOfferResponseDto,
  MAX_OFFER_DAYS,
  toHostingOfferResponse,
  type UpdateHostingOfferDto,
} from './dto/hosting-offer.dto.js';
import { HostingOfferEntity } from './hosting-offer.entity.js';

const NOT_FOUND = 'Hosting offer not found';

const dayCount = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** Hosting offers: members offer beds; the host and the group's organizers manage them. */
@Injectable()
export class HostingOffersService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(HostingOfferEntity)
    private readonly offers: Repository<HostingOfferEntity>,
    private readonly access: GroupAccess,
  ) {}

  async create(
    userId: string,
    groupId: string,
    dto: CreateHostingOfferDto,
  ): Promise<HostingOfferResponseDto> {
    await this.access.require(groupId, userId, 'member');
    const host = await this.dataSource.manager.findOneOrFail(UserEntity, {
      select: { id: true, spokenLanguages: true },
      where: { id: userId },
    });
    const saved = await this.offers.save(
      this.offers.create({
        groupId,
        hostId: userId,
        city: dto.city,
        availableFrom: dto.availableFrom,
        availableTo: dto.availableTo,
        beds: dto.beds,
        bedsTaken: 0,
        spokenLanguages: dto.spokenLanguages ?? host.spokenLanguages,
        note: dto.note ?? null,
        pricePerNight: dto.pricePerNight || null,
        currency: dto.pricePerNight ? (dto.currency ?? null) : null,
        address: dto.address,
        phone: dto.phone ?? null,
      }),
    );
    return this.load(saved.id, userId);
  }

  /** Organizers see every offer of the group, members their own; others 403. */
  async listForGroup(
    userId: string,
    groupId: string,
    query: PaginationQueryDto,
  ): Promise<Page<HostingOfferResponseDto>> {
    const role = await this.access.require(groupId, userId, 'member');
    const qb = this.withHost()
      .where('o.group_id = :groupId', { groupId })
      .orderBy('o.available_from', 'ASC')
      .addOrderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (role !== 'organizer') qb.andWhere('o.host_id = :userId', { userId });
    const [items, total] = await qb.getManyAndCount();
    return page(
      items.map((o) => toHostingOfferResponse(o, userId)),
      total,
      query,
    );
  }

  async get(userId: string, offerId: string): Promise<HostingOfferResponseDto> {
    await this.findManaged(userId, offerId);
    return this.load(offerId, userId);
  }

  /**
   * The host or an organizer; only the host changes the private address and phone. Fewer beds
   * than accepted matches took is 409 BEDS_TAKEN.
   */
  async edit(
    userId: string,
    offerId: string,
    dto: UpdateHostingOfferDto,
  ): Promise<HostingOfferResponseDto> {
    await this.findManaged(userId, offerId);
    await this.dataSource.transaction(async (manager) => {
      const offer = await manager.findOne(HostingOfferEntity, {
        where: { id: offerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!offer) throw new NotFoundException(NOT_FOUND);
      if ((dto.address !== undefined || dto.phone !== undefined) && offer.hostId !== userId) {
        throw new ForbiddenException('Only the host may change the address or phone');
      }
      if (dto.city !== undefined) offer.city = dto.city;
      if (dto.availableFrom !== undefined) offer.availableFrom = dto.availableFrom;
      if (dto.availableTo !== undefined) offer.availableTo = dto.availableTo;
      const span = dayCount(offer.availableFrom, offer.availableTo);
      if (span < 1 || span > MAX_OFFER_DAYS) {
        throw new BadRequestException(
          `availableTo must be after availableFrom, at most ${MAX_OFFER_DAYS} days later`,
        );
      }
      if (dto.beds !== undefined) {
        if (dto.beds < offer.bedsTaken) {
          throw new AppConflict(
            'BEDS_TAKEN',
            `${offer.bedsTaken} beds are already taken by accepted matches`,
            { bedsTaken: offer.bedsTaken },
          );
        }
        offer.beds = dto.beds;
      }
      if (dto.spokenLanguages !== undefined) offer.spokenLanguages = dto.spokenLanguages;
      if (dto.note !== undefined) offer.note = dto.note;
      if (dto.pricePerNight !== undefined) {
        offer.pricePerNight = dto.pricePerNight || null;
        offer.currency = dto.pricePerNight ? (dto.currency ?? null) : null;
      }
      if (dto.address !== undefined) offer.address = dto.address;
      if (dto.phone !== undefined) offer.phone = dto.phone;
      try {
        await manager.save(offer);
      } catch (err) {
        // The row lock makes this unreachable; the CHECK stays the last word.
        if (pgError(err)?.code === PG.CHECK_VIOLATION) {
          throw new AppConflict('BEDS_TAKEN', 'More beds are taken than the offer would have');
        }
        throw err;
      }
    });
    return this.load(offerId, userId);
  }

  /** The host or an organizer; an offer with an accepted match stays (409 OFFER_MATCHED). */
  async remove(userId: string, offerId: string): Promise<void> {
    await this.findManaged(userId, offerId);
    await this.dataSource.transaction(async (manager) => {
      const [offer] = await manager.query<{ beds_taken: number }[]>(
        'SELECT beds_taken FROM hosting_offers WHERE id = $1 FOR UPDATE',
        [offerId],
      );
      if (!offer) throw new NotFoundException(NOT_FOUND);
      if (offer.beds_taken > 0) {
        throw new AppConflict(
          'OFFER_MATCHED',
          'The offer has guests from accepted matches and cannot be deleted',
        );
      }
      // Proposed and declined matches go with it.
      await manager.query('DELETE FROM hosting_offers WHERE id = $1', [offerId]);
    });
  }

  /** The offer if the caller hosts it or organizes its group; anyone else 404. */
  private async findManaged(userId: string, offerId: string): Promise<HostingOfferEntity> {
    const offer = await this.offers.findOne({
      select: { id: true, groupId: true, hostId: true },
      where: { id: offerId },
    });
    if (
      !offer ||
      (offer.hostId !== userId && !(await this.access.has(offer.groupId, userId, 'organizer')))
    ) {
      throw new NotFoundException(NOT_FOUND);
    }
    return offer;
  }

  private withHost() {
    return this.offers
      .createQueryBuilder('o')
      .leftJoin('o.host', 'host')
      .addSelect(['host.id', 'host.displayName', 'host.country']);
  }

  private async load(offerId: string, viewerId: string): Promise<HostingOfferResponseDto> {
    const offer = await this.withHost().where('o.id = :offerId', { offerId }).getOne();
    if (!offer) throw new NotFoundException(NOT_FOUND);
    return toHostingOfferResponse(offer, viewerId);
  }
}
