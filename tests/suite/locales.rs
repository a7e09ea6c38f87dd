//! Every locale has every message Indonesian has, with the same variables, and Indonesian texts
//! carry no leftover English placeholders.

use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let res = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errs)| panic!("{} does not parse: {errs:?}", path.display()));
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    collect_vars(v, &mut vars);
                }
                let id = m.id.name.to_string();
                assert!(
                    out.insert(id.clone(), vars).is_none(),
                    "{id} is defined twice in {lang}"
                );
            }
        }
    }
    out
}

fn collect_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            collect_expr(expression, vars);
        }
    }
}

fn collect_expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => collect_inline(i, vars),
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_vars(&v.value, vars);
            }
        }
    }
}

fn collect_inline(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                collect_inline(a, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => collect_expr(expression, vars),
        _ => {}
    }
}

#[test]
fn every_locale_has_every_indonesian_message_with_the_same_variables() {
    let id = messages("id");
    assert!(id.len() > 50, "Indonesian locale looks incomplete");
    let langs: Vec<String> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|l| l != "id")
            .collect();
    assert!(langs.contains(&"en".to_string()));
    for lang in langs {
        let other = messages(&lang);
        let missing: Vec<_> = id.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(missing.is_empty(), "locale {lang} lacks: {missing:?}");
        let extra: Vec<_> = other.keys().filter(|k| !id.contains_key(*k)).collect();
        assert!(
            extra.is_empty(),
            "locale {lang} has messages Indonesian lacks: {extra:?}"
        );
        for (k, vars) in &id {
            assert_eq!(
                vars, &other[k],
                "message {k} uses different variables in {lang}"
            );
        }
    }
}

#[test]
fn texts_have_no_invisible_isolation_marks() {
    use kesos_bot::i18n::{Lang, targs};
    let s = targs(Lang::Id, "start-welcome", &[("name", "Siti".into())]);
    assert!(s.contains("Selamat datang, Siti!"));
    assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'));
}
