import type { RouterContext } from '@koa/router';
import { errors, type Provider } from 'oidc-provider';

import { lookupUser, type DemoUser } from './accounts.js';
import type { AppLinks } from './app-links.js';
import { BodyError, readForm } from './body.js';
import { consentPage, errorPage, loginPage, signInOverPage } from './pages.js';
import { sendHtml, sendStatus } from './respond.js';

export interface InteractionDeps {
  provider: Provider;
  apps: AppLinks;
  users: readonly DemoUser[];
  logger: (msg: string) => void;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Our forms are tiny, so a small cap. */
const MAX_FORM_BYTES = 16 * 1024;

/** The interaction cookie belongs to another sign-in than the one in the URL (an old tab). */
class StaleInteractionError extends Error {}

/** The step posted does not match the step the interaction is at (e.g. Allow before sign-in). */
class WrongPromptError extends Error {}

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Our sign-in and consent pages, driven by oidc-provider's interaction API, as route handlers for
 * `/interaction/:uid` and its three form posts.
 * See https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#user-flows
 */
export function createInteractions({ provider, apps, users, logger }: InteractionDeps) {
  /** The interaction named by the cookie, which must be the one in the URL. */
  async function load(ctx: RouterContext): Promise<Interaction> {
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    if (interaction.uid !== ctx.params.uid) throw new StaleInteractionError(`cookie is for interaction ${interaction.uid}`);
    return interaction;
  }

  /** oidc-provider answers itself: 303 to its resume URL. */
  async function finish(ctx: RouterContext, result: Parameters<Provider['interactionFinished']>[2], mergeWithLastSubmission: boolean) {
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission });
    ctx.respond = false;
  }

  async function clientName(interaction: Interaction): Promise<string> {
    const clientId = String(interaction.params.client_id);
    const client = await provider.Client.find(clientId);
    return client?.clientName ?? clientId;
  }

  async function renderLogin(ctx: RouterContext, interaction: Interaction, error?: string, typed?: string) {
    const hint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined;
    const page = loginPage({ uid: interaction.uid, clientName: await clientName(interaction), users, error, typed: typed ?? hint });
    sendHtml(ctx, 200, page);
  }

  async function show(ctx: RouterContext) {
    const interaction = await load(ctx);
    const { prompt, params, session } = interaction;
    if (prompt.name === 'login') return renderLogin(ctx, interaction);
    if (prompt.name === 'consent') {
      const requested = typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [];
      const page = consentPage({
        uid: interaction.uid,
        clientId: String(params.client_id),
        clientName: await clientName(interaction),
        user: users.find((user) => user.id === session?.accountId),
        scopes: requested,
        claims: asStrings(prompt.details.missingOIDCClaims),
      });
      return sendHtml(ctx, 200, page);
    }
    throw new WrongPromptError(`no page for prompt ${prompt.name}`);
  }

  async function login(ctx: RouterContext) {
    const interaction = await load(ctx);
    if (interaction.prompt.name !== 'login') throw new WrongPromptError('not at the login prompt');
    const typed = (await readForm(ctx, MAX_FORM_BYTES)).get('login') ?? '';
    const user = lookupUser(users, typed);
    if (!user) {
      const error = typed.trim() ? `No demo user named “${typed.trim()}”.` : 'Type a demo username, for example alice.';
      return renderLogin(ctx, interaction, error, typed);
    }
    logger(`${user.id} signed in to ${String(interaction.params.client_id)}`);
    await finish(ctx, { login: { accountId: user.id } }, false);
  }

  async function confirm(ctx: RouterContext) {
    const interaction = await load(ctx);
    const { prompt, params, session } = interaction;
    if (prompt.name !== 'consent' || !session) throw new WrongPromptError('not at the consent prompt');
    const clientId = String(params.client_id);

    // Add what is missing to the existing grant, or start one.
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId: session.accountId, clientId });
    const missingScope = asStrings(prompt.details.missingOIDCScope);
    if (missingScope.length) grant.addOIDCScope(missingScope.join(' '));
    const missingClaims = asStrings(prompt.details.missingOIDCClaims);
    if (missingClaims.length) grant.addOIDCClaims(missingClaims);
    const missingResourceScopes = (prompt.details.missingResourceScopes ?? {}) as Record<string, unknown>;
    for (const [resource, scopes] of Object.entries(missingResourceScopes)) {
      grant.addResourceScope(resource, asStrings(scopes).join(' '));
    }
    const grantId = await grant.save();

    logger(`${session.accountId} allowed ${clientId}: ${typeof params.scope === 'string' ? params.scope : ''}`);
    await finish(ctx, { consent: { grantId } }, true);
  }

  async function abort(ctx: RouterContext) {
    const interaction = await load(ctx);
    logger(`sign-in to ${String(interaction.params.client_id)} cancelled`);
    await finish(ctx, { error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
  }

  /** The app of the interaction in the URL while oidc-provider still has it; else the first app. */
  async function appOfInteraction(uid: string) {
    const interaction = await provider.Interaction.find(uid).catch(() => undefined);
    return apps.ofOrFirst(interaction?.params.client_id);
  }

  /** Turns a failure into a readable page; only unexpected errors are logged, by message only. */
  async function fail(ctx: RouterContext, err: unknown) {
    if (ctx.headerSent) return void ctx.res.destroy();
    if (err instanceof BodyError) return sendStatus(ctx, err.status);
    if (err instanceof errors.SessionNotFound || err instanceof StaleInteractionError) {
      // Typically Back after signing in: link to the app, never redirect (Back would land here again).
      return sendHtml(ctx, 400, signInOverPage(await appOfInteraction(ctx.params.uid!)));
    }
    if (err instanceof WrongPromptError) {
      return sendHtml(
        ctx,
        400,
        errorPage('Unexpected step', 'This form does not belong to the current sign-in step.', 'Reload the page to continue.'),
      );
    }
    logger(`interaction failed: ${err instanceof Error ? err.message : String(err)}`);
    sendHtml(
      ctx,
      500,
      errorPage('Something went wrong', 'The Dev IdP could not complete this step.', 'Check the Dev IdP log, then start signing in again.'),
    );
  }

  const handler = (step: (ctx: RouterContext) => Promise<void>) => (ctx: RouterContext) =>
    step(ctx).catch((err: unknown) => fail(ctx, err));

  return {
    /** GET /interaction/:uid — the sign-in or consent page. */
    show: handler(show),
    /** POST /interaction/:uid/login — a demo user picked or typed. */
    login: handler(login),
    /** POST /interaction/:uid/confirm — Allow on the consent page. */
    confirm: handler(confirm),
    /** POST /interaction/:uid/abort — Cancel or Deny. */
    abort: handler(abort),
  };
}
