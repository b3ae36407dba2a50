//! The OAuth secrets other than the access token: like [`AccessToken`](crate::AccessToken),
//! they print as `<redacted>` wherever they end up.

use std::fmt;

macro_rules! redacted_secret {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn new(secret: impl Into<String>) -> Self {
                $name(secret.into())
            }

            /// The secret itself, for the one place that must send or store it.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }
    };
}

redacted_secret!(
    /// An OAuth app's client secret.
    ClientSecret
);

redacted_secret!(
    /// A user OAuth refresh token. Zoom rotates it on every refresh, so the newest one is the
    /// only one worth keeping.
    RefreshToken
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_secret() {
        let secret = ClientSecret::new("cs-4711");
        let refresh = RefreshToken::new("rt-4711");
        let shown = format!("{secret} {secret:?} {secret:#?} {refresh} {refresh:?} {refresh:#?}");
        assert!(!shown.contains("4711"), "{shown}");
        assert_eq!(secret.expose(), "cs-4711");
        assert_eq!(refresh.expose(), "rt-4711");
    }
}
