//! Setters that call one shared function instead of each carrying its own closure (and, in
//! struct builders, its own `format!`): progenitor writes
//! `value.try_into()[.map(Some)].map_err(|e| format!("error converting supplied value for F: {e}"))`
//! in every struct builder setter and `.map_err(|_| "conversion ... failed".to_string())` in
//! every operation setter; the compiler expands, checks and borrow-checks each copy. The
//! messages stay word for word (`crate::support::{try_convert, try_set}`).

use quote::{ToTokens, quote};

/// Rewrites the setters of `types::builder` and of the operation builders. Returns how many.
pub fn share(file: &mut syn::File) -> usize {
    let mut count = 0;
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        match module.ident.to_string().as_str() {
            "builder" => count += share_in(module),
            "types" => {
                for inner in module.content.iter_mut().flat_map(|(_, items)| items) {
                    if let syn::Item::Mod(inner) = inner
                        && inner.ident == "builder"
                    {
                        count += share_in(inner);
                    }
                }
            }
            _ => {}
        }
    }
    count
}

fn share_in(module: &mut syn::ItemMod) -> usize {
    let mut count = 0;
    for item in module.content.iter_mut().flat_map(|(_, items)| items) {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for member in &mut block.items {
            let syn::ImplItem::Fn(function) = member else {
                continue;
            };
            for statement in &mut function.block.stmts {
                if let syn::Stmt::Expr(syn::Expr::Assign(assign), Some(_)) = statement
                    && let Some(shared) = shared(&assign.right)
                {
                    *assign.right = shared;
                    count += 1;
                }
            }
        }
    }
    count
}

/// `value.try_into()[.map(Some)].map_err(closure)` as a call of the shared function.
fn shared(expr: &syn::Expr) -> Option<syn::Expr> {
    let syn::Expr::MethodCall(map_err) = expr else {
        return None;
    };
    if map_err.method != "map_err" || map_err.args.len() != 1 {
        return None;
    }
    let (inner, some) = match map_err.receiver.as_ref() {
        syn::Expr::MethodCall(map)
            if map.method == "map" && map.args.to_token_stream().to_string() == "Some" =>
        {
            (map.receiver.as_ref(), true)
        }
        other => (other, false),
    };
    let syn::Expr::MethodCall(try_into) = inner else {
        return None;
    };
    if try_into.method != "try_into"
        || !try_into.args.is_empty()
        || try_into.receiver.to_token_stream().to_string() != "value"
    {
        return None;
    }
    let syn::Expr::Closure(closure) = &map_err.args[0] else {
        return None;
    };
    let call = match (closure.inputs.len(), message(&closure.body)) {
        // `|_| "conversion to `X` for F failed".to_string()`
        (1, Some(Message::Fixed(text))) => quote!(crate::support::try_set(value, #text)),
        // `|e| format!("error converting supplied value for F: {e}")`
        (1, Some(Message::Field(field))) => quote!(crate::support::try_convert(value, #field)),
        _ => return None,
    };
    let call = if some { quote!(#call.map(Some)) } else { call };
    syn::parse2(call).ok()
}

enum Message {
    Fixed(String),
    Field(String),
}

const PREFIX: &str = "error converting supplied value for ";

/// What a setter's error closure says.
fn message(body: &syn::Expr) -> Option<Message> {
    let body = match body {
        syn::Expr::Block(block) if block.block.stmts.len() == 1 => match &block.block.stmts[0] {
            syn::Stmt::Expr(expr, None) => expr,
            _ => return None,
        },
        other => other,
    };
    match body {
        syn::Expr::MethodCall(call) if call.method == "to_string" && call.args.is_empty() => {
            match call.receiver.as_ref() {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => Some(Message::Fixed(text.value())),
                _ => None,
            }
        }
        syn::Expr::Macro(mac) if mac.mac.path.is_ident("format") => {
            let text: syn::LitStr = syn::parse2(mac.mac.tokens.clone()).ok()?;
            let field = text
                .value()
                .strip_prefix(PREFIX)?
                .strip_suffix(": {e}")?
                .to_owned();
            Some(Message::Field(field))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn both_setter_shapes_call_the_shared_functions() {
        let mut file: syn::File = syn::parse2(quote! {
            pub mod builder {
                impl<'a> Op<'a> {
                    pub fn page_size<V>(mut self, value: V) -> Self {
                        self.page_size = value
                            .try_into()
                            .map(Some)
                            .map_err(|_| "conversion to `i64` for page_size failed".to_string());
                        self
                    }
                }
            }
            pub mod types {
                pub mod builder {
                    impl Body {
                        pub fn agenda<T>(mut self, value: T) -> Self {
                            self.agenda = value.try_into().map_err(|e| {
                                format!("error converting supplied value for agenda: {e}")
                            });
                            self
                        }
                        pub fn other(mut self, value: T) -> Self {
                            self.x = value.try_into().map(From::from).map_err(|s| format!("{}", s));
                            self
                        }
                    }
                }
            }
        })
        .unwrap();
        assert_eq!(super::share(&mut file), 2);
        let text = quote!(#file).to_string();
        assert!(
            text.contains(
                "crate :: support :: try_set (value , \"conversion to `i64` for page_size failed\") . map (Some)"
            ),
            "{text}"
        );
        assert!(
            text.contains("crate :: support :: try_convert (value , \"agenda\")"),
            "{text}"
        );
        assert!(text.contains("map (From :: from)"), "others stay: {text}");
    }
}
