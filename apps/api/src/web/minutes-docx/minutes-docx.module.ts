import { Module } from '@nestjs/common';
import { MinutesDocxController } from './minutes-docx.controller';

/** The minutes of a meeting as a Word document. */
@Module({ controllers: [MinutesDocxController] })
export class MinutesDocxModule {}
