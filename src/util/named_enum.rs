//! `named_enum!`: a fieldless enum with a stable snake_case key per value — the one way the
//! crate names things in data files and results (kinds, rules, suggestion codes, context
//! lists).

/// Declares the enum with `ALL`, `key`, `from_key`, `index`, `Display` and `FromStr`
/// (which fails with the unknown key). Serde derives are added with `serde` before the name.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis $(serde $serde:tt)? enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $key:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $(#[derive(::serde::Serialize, ::serde::Deserialize)] #[serde(rename_all = $serde)])?
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        #[allow(dead_code)] // not every enum uses every helper
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable snake_case key used in data files and serialised results.
            pub const fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            /// Looks a value up by its snake_case key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Position of this value in [`Self::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::UnknownKey;

            fn from_str(key: &str) -> Result<Self, Self::Err> {
                Self::from_key(key).ok_or_else(|| $crate::error::UnknownKey {
                    what: stringify!($name),
                    key: key.to_string(),
                })
            }
        }
    };
}

pub(crate) use named_enum;
