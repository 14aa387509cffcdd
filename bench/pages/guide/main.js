// The guide's plain-JavaScript MFA sign-in (email + password, then TOTP or a
// backup code), on the script build of clerk-js (`window.Clerk`).
//
// Differences from the guide, each fixing a bug that stops the flow:
// - clerk-js comes from the script tag (as in Clerk's script-tag quickstart),
//   so the code waits for `load` instead of importing `@clerk/clerk-js`;
// - the code form calls preventDefault() (the guide's form reloaded the page);
// - the code is read from the field's real name, `code` (the guide read
//   `totp`, which is always null, and sent the checkbox's "on" as a backup code);
// - signed in, the page shows the email instead of mounting <UserButton />,
//   which clerk-js 6 cannot do without @clerk/ui;
// - a pending task renders into the existing #task element (the guide
//   targeted a missing #app).
window.addEventListener('load', async () => {
  const clerk = window.Clerk
  await clerk.load()

  if (clerk.isSignedIn) {
    document.getElementById('sign-in').hidden = true
    document.getElementById('signed-in').textContent = `Signed in as ${clerk.user.primaryEmailAddress}`
  } else if (clerk.session?.currentTask) {
    document.getElementById('sign-in').hidden = true
    document.getElementById('task').textContent = `Pending task: ${clerk.session.currentTask.key}`
  } else {
    document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
      event.preventDefault()
      const form = new FormData(event.target)
      try {
        await clerk.client.signIn.create({
          identifier: form.get('email'),
          password: form.get('password'),
        })
        document.getElementById('sign-in').hidden = true
        document.getElementById('verifying').hidden = false
      } catch (error) {
        console.error(error)
      }
    })

    document.getElementById('verifying').addEventListener('submit', async (event) => {
      event.preventDefault()
      const form = new FormData(event.target)
      const useBackupCode = Boolean(form.get('backupCode'))
      try {
        const signInAttempt = await clerk.client.signIn.attemptSecondFactor({
          strategy: useBackupCode ? 'backup_code' : 'totp',
          code: form.get('code'),
        })
        if (signInAttempt.status === 'complete') {
          await clerk.setActive({ session: signInAttempt.createdSessionId })
          location.reload()
        } else {
          console.error(signInAttempt)
        }
      } catch (error) {
        console.error(error)
      }
    })
  }
})
