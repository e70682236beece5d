import { localhostBinding } from "../../src/rules/localhost-binding.js";
import { testRule } from "../helpers/rule-tester.js";

const why = "the Fly proxy reaches the app over the Machine's private address, so it must listen on 0.0.0.0 (or [::])";
const http = `[http_service]\ninternal_port = 8080\n`;

testRule(localhostBinding, {
  valid: [
    `${http}[env]\nHOST = "0.0.0.0"\nDATABASE_HOST = "localhost"`,
    `[env]\nHOST = "127.0.0.1" # no service exposes anything`,
    `${http}[processes]\napp = "uvicorn main:app --host 0.0.0.0 --port 8080"\nworker = "celery -A app worker"`,
    `${http}[processes]\napp = "bin/rails server -b [::] -p 8080"`,
    `${http}[processes]\napp = "python manage.py runserver 0.0.0.0:8080"`,
    `[processes]\napp = "serve"\nworker = "uvicorn internal:app --port 9000"\n[http_service]\nprocesses = ["app"]`,
    `${http}[processes]\napp = "redis-cli -h localhost ping && ./server"`,
    { code: http, files: { Dockerfile: `FROM python:3.12\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n` } },
    { code: `${http}[processes]\napp = "./server"`, files: { Dockerfile: `FROM node\nCMD npx vite preview\n` } },
    { code: http, files: { Dockerfile: `FROM node AS build\nCMD vite\nFROM nginx\nCMD ["nginx", "-g", "daemon off;"]\n` } },
  ],
  invalid: [
    {
      code: `${http}[env]\n  HOST = ⟦"127.0.0.1"⟧ # bind\n  PORT = "8080"\n`,
      messages: [`env.HOST = "127.0.0.1" makes the app listen on loopback: ${why}`],
      output: `${http}[env]\n  HOST = "0.0.0.0" # bind\n  PORT = "8080"\n`,
    },
    {
      code: `${http}[env]\nLISTEN_ADDR = ⟦'localhost:8080'⟧\nHOSTNAME = ⟦"::1"⟧\n`,
      messages: [`env.LISTEN_ADDR = "localhost:8080" makes the app listen on loopback: ${why}`, `env.HOSTNAME = "::1" makes the app listen on loopback: ${why}`],
      output: `${http}[env]\nLISTEN_ADDR = '0.0.0.0:8080'\nHOSTNAME = "::"\n`,
    },
    {
      code: `${http}[processes]\napp = ⟦"gunicorn -b 127.0.0.1:8080 app:wsgi"⟧\n`,
      messages: [`processes.app makes the app listen on 127.0.0.1:8080, which only the Machine itself can reach: ${why}`],
      output: `${http}[processes]\napp = "gunicorn -b 0.0.0.0:8080 app:wsgi"\n`,
    },
    {
      code: `${http}[processes]\napp = ⟦"next start -H localhost -p 8080"⟧\n`,
      messages: [`processes.app makes the app listen on localhost, which only the Machine itself can reach: ${why}`],
      output: `${http}[processes]\napp = "next start -H 0.0.0.0 -p 8080"\n`,
    },
    {
      code: `${http}[processes]\napp = ⟦"uvicorn main:app --port 8080"⟧\n`,
      messages: [`processes.app runs uvicorn without an address, so it listens on 127.0.0.1: ${why}; add --host 0.0.0.0`],
      output: null,
    },
    {
      code: `${http}[processes]\napp = ⟦"python manage.py runserver 8080"⟧\n`,
      messages: [`processes.app runs manage.py runserver without an address, so it listens on 127.0.0.1: ${why}; run it as runserver 0.0.0.0:<port>`],
      output: null,
    },
    {
      code: `${http}[processes]\napp = ⟦"flask run --port 8080"⟧\n`,
      messages: [`processes.app runs flask run without an address, so it listens on 127.0.0.1: ${why}; add --host 0.0.0.0`],
      output: null,
    },
    {
      code: `${http}[experimental]\ncmd = ["sh", "-c", ⟦"vite preview --host 127.0.0.1 --port 8080"⟧]\n`,
      messages: [`experimental.cmd makes the app listen on 127.0.0.1, which only the Machine itself can reach: ${why}`],
      output: `${http}[experimental]\ncmd = ["sh", "-c", "vite preview --host 0.0.0.0 --port 8080"]\n`,
    },
    {
      code: `[[services]]\ninternal_port = 8080\n[experimental]\nentrypoint = ⟦["hypercorn", "app:app"]⟧\n`,
      messages: [`experimental.entrypoint runs hypercorn without an address, so it listens on 127.0.0.1: ${why}; add --bind 0.0.0.0:<port>`],
      output: null,
    },
    {
      code: `[⟦http_service⟧]\ninternal_port = 8080\n`,
      files: { Dockerfile: `FROM python:3.12\n# serve\nCMD ["uvicorn", "main:app", \\\n     "--port", "8080"]\n` },
      messages: [`Dockerfile:3: CMD runs uvicorn without an address, so it listens on 127.0.0.1: ${why}; add --host 0.0.0.0`],
      output: null,
    },
    {
      code: `[build]\ndockerfile = ⟦⟦"docker/Dockerfile.web"⟧⟧\n${http}`,
      files: { "docker/Dockerfile.web": `FROM ruby\nENV BINDING=127.0.0.1\nENTRYPOINT ["bin/rails", "server", "-b", "127.0.0.1"]\n` },
      messages: [
        `docker/Dockerfile.web:3: ENTRYPOINT makes the app listen on 127.0.0.1: ${why}`,
        `docker/Dockerfile.web:2: ENV BINDING=127.0.0.1 makes the app listen on loopback: ${why}`,
      ],
      output: null,
    },
  ],
});
