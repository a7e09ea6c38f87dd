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

/// Every string literal in the code that names a message (it looks like `word-word…` and its
/// first word starts some message) exists in every locale; so do the ids the code builds at
/// run time from the domain's codes (`task-kind-{code}`, `month-{n}`, …). A message used but
/// missing would otherwise show its id to a user.
#[test]
fn every_message_the_code_uses_exists_in_every_locale() {
    use kesos_bot::domain::complaint::{Category, Event, Status};
    use kesos_bot::domain::proposal::ProposalStatus;
    use kesos_bot::domain::role::Role;
    use kesos_bot::domain::task::{TaskKind, VisitResult};
    let id = messages("id");
    let en = messages("en");
    let prefixes: BTreeSet<String> = id
        .keys()
        .filter_map(|k| k.split('-').next().map(str::to_string))
        .collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, part) in text.split('"').enumerate() {
                // Odd parts are inside quotes (near enough for this code base).
                let looks = i % 2 == 1
                    && part.contains('-')
                    && part.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    })
                    && !part.starts_with('-')
                    && !part.ends_with('-');
                if looks && prefixes.contains(part.split('-').next().unwrap()) {
                    used.insert(part.to_string());
                }
            }
        }
    }
    // Ids built at run time.
    for k in TaskKind::ALL {
        used.insert(format!("task-kind-{}", k.code()));
    }
    for r in VisitResult::ALL {
        used.insert(r.message_id());
    }
    for m in 1..=12 {
        used.insert(format!("month-{m}"));
    }
    for c in Category::ALL {
        used.insert(c.message_id());
    }
    for s in Status::ALL {
        used.insert(s.message_id());
    }
    for e in Event::ALL {
        used.insert(e.message_id());
        if e.tells_reporter() {
            used.insert(format!("complaint-update-{}", e.code()));
        }
    }
    for s in ProposalStatus::ALL {
        if s != ProposalStatus::Submitted {
            used.insert(format!("proposal-notice-{}", s.code().replace('_', "-")));
        }
    }
    for role in [Role::Warga, Role::Psm, Role::Tksk, Role::Dinsos] {
        for c in kesos_bot::bot::menu::commands_for(role, kesos_bot::i18n::Lang::Id) {
            used.insert(format!("cmd-{}", c.command));
        }
    }
    // Literals that share a prefix with messages but are not messages themselves.
    let not_messages = ["cli-test", "import-failed"];
    let missing: Vec<String> = used
        .iter()
        .filter(|k| !not_messages.contains(&k.as_str()))
        .filter(|k| !id.contains_key(*k) || !en.contains_key(*k))
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "used by the code but missing from a locale: {missing:?}"
    );
    assert!(used.len() > 300, "the scan found only {} ids", used.len());
}

/// A fixed Indonesian text (one without variables) fits a phone screen: at most about 600
/// characters. Texts with variables (a resident's description, a list) are judged where built.
#[test]
fn fixed_indonesian_texts_fit_a_phone_screen() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/id");
    let mut long = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let res = fluent_syntax::parser::parse(text.as_str()).unwrap();
        for entry in res.body {
            let ast::Entry::Message(m) = entry else {
                continue;
            };
            let Some(value) = &m.value else { continue };
            let mut chars = 0;
            let mut fixed = true;
            for el in &value.elements {
                match el {
                    ast::PatternElement::TextElement { value } => chars += value.chars().count(),
                    ast::PatternElement::Placeable { .. } => fixed = false,
                }
            }
            if fixed && chars > 600 {
                long.push(format!("{} ({chars})", m.id.name));
            }
        }
    }
    assert!(long.is_empty(), "too long for a phone screen: {long:?}");
}
