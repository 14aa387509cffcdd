// Clerk first: load() as soon as clerk-js has run, then the element's module.
const start = () => {
  const clerk = window.Clerk
  void clerk.load({ telemetry: false })
  document.querySelector('clerk-mfa-sign-in').clerk = clerk
  void import('/cdn/clerk-mfa-sign-in.js')
}
if (window.Clerk) start()
else document.getElementById('clerk-js').addEventListener('load', start, { once: true })
