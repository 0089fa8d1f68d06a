// A real OpenID Connect provider for the test suite and the browser journeys (tests/oidc.py
// starts it). Authorization code flow with PKCE required, as ID-porten and Entra ID run it.
//
//   node provider.mjs CONFIG.json
//
// CONFIG: {"port": 8141, "clients": [{client_id, client_secret, redirect_uris}],
//          "accounts": {"kari": {"email": "...", "email_verified": true, "name": "...",
//                                "acr": "idporten-loa-high", "pid": "..."}}}
// The sign-in page asks for an account name only: the people are test fixtures.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const issuer = `http://127.0.0.1:${config.port}`;
const accounts = config.accounts;
const ACR_VALUES = ["idporten-loa-substantial", "idporten-loa-high"];

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "test" };

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: ["test-only-cookie-key"] },
  pkce: { required: () => true },
  acrValues: ACR_VALUES,
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "pid"],
  },
  // Claims in the ID token itself, as ID-porten sends pid and acr.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        const { acr, ...claims } = account;
        return { sub: id, ...claims };
      },
    };
  },
  // First-party test client: consent is implied, as for an organisation's own login.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(uid, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider</title></head>
<body><main><h1>Test identity provider</h1>${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Account</label> <input id="login" name="login" autofocus>
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(details.uid));
    return;
  }
  const form = await readForm(req);
  const accountId = form.get("login");
  const account = accounts[accountId];
  if (!account) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page(details.uid, "No such account"));
    return;
  }
  // The assurance level reached: the account's own, else the one asked for.
  const asked = (details.params.acr_values || "").split(" ").filter(Boolean);
  const acr = account.acr || asked[0] || ACR_VALUES[0];
  await provider.interactionFinished(req, res, { login: { accountId, acr, amr: ["pwd"] } },
    { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.url.startsWith("/interaction/")) {
    interaction(req, res).catch((error) => {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(String(error));
    });
  } else {
    callback(req, res);
  }
});
server.listen(config.port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
