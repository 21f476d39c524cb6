// A real OpenID Connect provider (oidc-provider) for the sign-in test, in a process of its own (it is ESM).
// Its development login form takes any login: the login is the e-mail address, and a login starting with
// "unverified:" gets an address the provider does not vouch for.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'tilneste',
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const unverified = id.startsWith('unverified:');
    const email = unverified ? id.slice('unverified:'.length) : id;
    return { accountId: id, claims: () => ({ sub: id, email, email_verified: !unverified }) };
  },
});
provider.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
