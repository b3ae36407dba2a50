//! One shared send path: progenitor writes the same five statements (operation info, the
//! `pre` hook, `exec`, the `post` hook, `?`) into every operation's `send`, each copy a
//! part of its own async state machine. They become one call of `crate::support::execute`,
//! which does the same.

use anyhow::{Result, bail};
use quote::ToTokens;

/// The statements progenitor writes, with `{id}` for the operation id.
const WRITTEN: [&str; 5] = [
    "let info = OperationInfo { operation_id : {id} , } ;",
    "client . pre (& mut request , & info) . await ? ;",
    "let result = client . exec (request , & info) . await ;",
    "client . post (& result , & info) . await ? ;",
    "let response = result ? ;",
];

/// Rewrites every operation's `send`. Returns how many; an operation whose `send` does not
/// hold the five statements is an error, since progenitor's output then changed shape.
pub fn share(file: &mut syn::File) -> Result<usize> {
    super::syntax::each_send(file, |builder, function| {
        share_in(&mut function.block.stmts)
            .map_err(|why| anyhow::anyhow!("{}: {why}", builder.to_token_stream()))
    })
}

fn share_in(statements: &mut Vec<syn::Stmt>) -> Result<()> {
    let texts: Vec<String> = statements
        .iter()
        .map(|s| s.to_token_stream().to_string())
        .collect();
    let Some(start) = texts
        .iter()
        .position(|t| t.starts_with("let info = OperationInfo"))
    else {
        bail!("progenitor's send builds no OperationInfo");
    };
    let id = operation_id(&statements[start])?;
    let written = WRITTEN.map(|line| line.replace("{id}", &id.to_token_stream().to_string()));
    if texts.get(start..start + WRITTEN.len()) != Some(&written[..]) {
        bail!(
            "progenitor's send no longer reads as expected: {:?}",
            &texts[start..]
        );
    }
    let shared: syn::Stmt = syn::parse_quote! {
        let response = crate::support::execute(client, request, #id).await?;
    };
    statements.splice(start..start + WRITTEN.len(), [shared]);
    Ok(())
}

/// The `"id"` literal of `let info = OperationInfo { operation_id: "id" };`.
fn operation_id(statement: &syn::Stmt) -> Result<syn::LitStr> {
    if let syn::Stmt::Local(local) = statement
        && let Some(init) = &local.init
        && let syn::Expr::Struct(info) = init.expr.as_ref()
        && let Some(field) = info.fields.first()
        && let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(id),
            ..
        }) = &field.expr
    {
        return Ok(id.clone());
    }
    bail!("progenitor's OperationInfo holds no operation id")
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn file(send_body: proc_macro2::TokenStream) -> syn::File {
        syn::parse2(quote! {
            pub mod builder {
                impl<'a> Get<'a> {
                    pub async fn send(self) -> Result<ResponseValue<types::X>, Error<ByteStream>> {
                        #send_body
                    }
                }
            }
        })
        .unwrap()
    }

    #[test]
    fn the_five_statements_become_one_shared_call() {
        let mut file = file(quote! {
            let Self { client } = self;
            let mut request = client.client.get(url).build()?;
            let info = OperationInfo { operation_id: "get_x", };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() { _ => todo!() }
        });
        assert_eq!(super::share(&mut file).unwrap(), 1);
        let text = quote!(#file).to_string();
        assert!(
            text.contains(
                "let response = crate :: support :: execute (client , request , \"get_x\") . await ? ;"
            ),
            "{text}"
        );
        assert!(!text.contains("client . pre"), "{text}");
        assert!(text.contains("match response . status ()"), "{text}");
    }

    #[test]
    fn a_send_of_another_shape_is_an_error_naming_the_builder() {
        let mut file = file(quote! {
            let info = OperationInfo { operation_id: "get_x", };
            client.exec(request, &info).await
        });
        let err = super::share(&mut file).unwrap_err().to_string();
        assert!(err.starts_with("Get < 'a >"), "{err}");
        assert!(err.contains("no longer reads as expected"), "{err}");
    }
}
