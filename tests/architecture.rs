//! The crate's layers depend one way only: each top-level module of `src/` may import
//! (`crate::…`) only from modules listed before it in [`LAYERS`] — which also rules out
//! import cycles. Test modules (`#[cfg(test)] mod tests`) may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, lowest first (the order `src/lib.rs` declares them in).
const LAYERS: &[&str] = &[
    "error",
    "util",
    "kind",
    "span",
    "shared_str",
    "report",
    "model",
    "lexicon",
    "text",
    "compile",
    "analyze",
    "assess",
    "scorer",
    "conversation",
    "internals",
];

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn sources(dir: &Path, top: Option<&str>, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            sources(&path, Some(top.unwrap_or(&name)), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let module = top.map_or(name, str::to_string);
            out.push((module, fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The top-level modules named by `crate::…` paths in `code` (comments and tests skipped).
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("#[cfg(test)]") {
            break; // the file's test module comes last
        }
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
            rest = after;
        }
        // `use crate::{a, b::c}`
        if let Some(at) = line.find("crate::{") {
            let group = &line[at + "crate::{".len()..];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn layers_import_only_from_below() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        None,
        &mut files,
    );
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &files {
        if module == "lib" {
            continue;
        }
        assert!(
            rank(module).is_some(),
            "src/{module} is not in LAYERS: add it where it belongs"
        );
        graph
            .entry(module.clone())
            .or_default()
            .extend(imports(code).into_iter().filter(|m| m != module));
    }
    let mut wrong = Vec::new();
    for (module, deps) in &graph {
        for dep in deps {
            match (rank(module), rank(dep)) {
                (Some(a), Some(b)) if b < a => {}
                // Names re-exported at the crate root (`crate::Scorer`) are not modules.
                (_, None) if dep.starts_with(|c: char| c.is_uppercase()) => {}
                _ => wrong.push(format!("{module} imports {dep}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up or sideways:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_import_reader_sees_what_it_should() {
    let code = "use crate::a::b;\nuse crate::{c, d::e};\n// crate::f\nlet x = crate::g::h();\n#[cfg(test)]\nmod tests { use crate::z; }";
    let got: Vec<_> = imports(code).into_iter().collect();
    assert_eq!(got, ["a", "c", "d", "g"]);
}
