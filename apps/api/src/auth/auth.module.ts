import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { OidcController } from './oidc.controller';
import { PersonExportController } from './person-export.controller';
import { SignInPageController } from './sign-in-page.controller';

/** Sign-in by e-mail link, sessions, personal tokens (the providers live in the core module, beside the guard). */
// The single sign-on routes come before `/logg-inn/:token`, which would otherwise take `/logg-inn/sso`.
@Module({ controllers: [AuthController, OidcController, SignInPageController, PersonExportController] })
export class AuthModule {}
