import { Layout } from './Layout';

interface LoginProps {
  csrfToken: string;
  next: string;
  email?: string;
  error?: string;
}

/** The sign-in form (e-mail and password), with the pre-session CSRF token and any error. */
export function LoginPage(props: LoginProps) {
  return (
    <Layout title="Sign in">
      <section class="card narrow">
        <h1>Sign in to the Pacto console</h1>
        {props.error ? (
          <p class="error" role="alert">
            {props.error}
          </p>
        ) : null}
        <form method="post" action="/console/login">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <label for="email">E-mail</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={props.email ?? ''} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Layout>
  );
}
