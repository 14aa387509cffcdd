// The Express example's page: call the API with the session cookie clerk-js keeps, sign out.
const signIn = document.querySelector('clerk-mfa-sign-in');
const result = document.querySelector('#api-result');

// Signed in already (this page, loaded after signing in): stay, instead of following after-sign-in-url.
signIn.addEventListener('signed-in', (event) => {
  if (event.detail.alreadySignedIn) event.preventDefault();
});

document.querySelector('#call-api').addEventListener('click', async () => {
  const response = await fetch('/api/me');
  result.textContent = `${response.status} ${await response.text()}`;
});

document.querySelector('#sign-out').addEventListener('click', async () => {
  // clerk-js, loaded by the element, navigates after signing out unless given a callback.
  await window.Clerk?.signOut(() => {});
  result.textContent = 'signed out';
});
