import { PageMetaDto } from '../../common/pagination.js';
import { IsText } from '../../common/text.js';

export class CreateCommentDto {
  /** Any language, up to 4000 characters. */
  @IsText(4000)
  body: string;
}

export class CommentAuthorDto {
  id: string;
  displayName: string;
}

export class CommentResponseDto {
  id: string;
  requestId: string;
  /** Null when the author's account was deleted. */
  author: CommentAuthorDto | null;
  body: string;
  createdAt: string;
}

export class CommentPageDto extends PageMetaDto {
  items: CommentResponseDto[];
}
