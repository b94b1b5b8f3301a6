//! The example programs behave like the command-line tools people know (ripgrep, jq):
//! `--help` on stdout with exit status 0, usage errors with 2, one stderr line per malformed
//! input line naming its number and exit status 1, a binary input refused in one line, a
//! closed pipe ending the run quietly, and the JSONL output exactly the library's serde form.
//!
//! The examples are run as the built programs. `cargo test` builds them anyway (to check that
//! they compile) but does not say where, and `cargo test --test examples_cli` does not build
//! them at all, so this test asks cargo itself, once: `cargo build --profile test --example …
//! --message-format=json` with the test's own target directory and features, which is up to
//! date (under a second) after `cargo test` and builds what is missing or stale otherwise, and
//! names each executable.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const EXAMPLES: [&str; 7] = [
    "score",
    "conversation",
    "custom_lexicon",
    "throughput",
    "evaluate",
    "calibrate",
    "train",
];

/// The examples' executables, built (or found up to date) by cargo on first use.
fn example(name: &str) -> &'static Path {
    static BUILT: OnceLock<Vec<(String, PathBuf)>> = OnceLock::new();
    let built = BUILT.get_or_init(build_examples);
    built
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, p)| p.as_path())
        .unwrap_or_else(|| panic!("cargo built no executable for example {name}"))
}

fn build_examples() -> Vec<(String, PathBuf)> {
    // This test runs as <target dir>/[<triple>/]<profile dir>/deps/examples_cli-<hash>.
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from <target>/<profile>/deps");
    let mut target_dir = profile_dir.parent().expect("a target directory");
    let mut triple = None;
    if !target_dir.join("CACHEDIR.TAG").exists() {
        // Cross-compiled: <target dir>/<triple>/<profile dir>.
        triple = target_dir.file_name();
        target_dir = target_dir.parent().expect("a target directory");
    }
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => "test", // what `cargo test` builds the examples with
        Some("release") => "release",
        Some(other) => other,
        None => panic!("no profile directory in {}", exe.display()),
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut cmd = Command::new(cargo);
    cmd.arg("build")
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .args([
            "--profile",
            profile,
            "--message-format=json-render-diagnostics",
        ]);
    if let Some(triple) = triple {
        cmd.arg("--target").arg(triple);
    }
    let features: Vec<&str> = [
        ("rayon", cfg!(feature = "rayon")),
        ("internals", cfg!(feature = "internals")),
    ]
    .into_iter()
    .filter_map(|(f, on)| on.then_some(f))
    .collect();
    if !features.is_empty() {
        cmd.arg("--features").arg(features.join(","));
    }
    for name in EXAMPLES {
        cmd.args(["--example", name]);
    }
    let out = cmd.stderr(Stdio::inherit()).output().expect("cargo runs");
    assert!(out.status.success(), "{cmd:?} failed: {}", out.status);
    let mut built = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let is_example = msg["target"]["kind"]
            .as_array()
            .is_some_and(|k| k.iter().any(|k| k == "example"));
        let name = msg["target"]["name"].as_str();
        let exe = msg["executable"].as_str();
        match (name, exe) {
            (Some(name), Some(exe)) if is_example && msg["reason"] == "compiler-artifact" => {
                built.push((name.to_string(), PathBuf::from(exe)));
            }
            _ => {}
        }
    }
    built
}

fn run(name: &str, args: &[&str]) -> Output {
    run_with(name, args, None)
}

fn run_with(name: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_in(name, args, stdin, &[], None)
}

/// Runs an example with extra environment variables, in `dir` when given.
fn run_in(
    name: &str,
    args: &[&str],
    stdin: Option<&[u8]>,
    env: &[(&str, &str)],
    dir: Option<&Path>,
) -> Output {
    let mut cmd = Command::new(example(name));
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("RUST_BACKTRACE", "0")
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {name}: {e}"));
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("a stdin pipe");
        pipe.write_all(input).expect("the example reads its stdin");
    }
    child.wait_with_output().expect("the example runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A file in cargo's scratch directory for integration tests (`target/tmp`), rewritten by
/// every run.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("examples_cli");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("a scratch file");
    path
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

#[test]
fn help_prints_usage_on_stdout_and_exits_0() {
    for name in EXAMPLES {
        for flag in ["--help", "-h"] {
            let out = run(name, &[flag]);
            let stdout = text(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{name} {flag}: {out:?}");
            assert!(stdout.contains("usage: "), "{name} {flag}: {stdout}");
            assert!(
                out.stderr.is_empty(),
                "{name} {flag}: {}",
                text(&out.stderr)
            );
        }
    }
}

#[test]
fn usage_errors_exit_2_with_a_message_on_stderr() {
    let cases: &[(&str, &[&str])] = &[
        ("score", &["--jsonl"]),
        ("score", &["--jsonl", "--lexicon", "x.toml"]),
        ("score", &["--lexicon"]),
        ("score", &["--frobnicate"]),
        ("score", &["a.jsonl", "b.jsonl"]),
        ("score", &["--color", "purple"]),
        ("conversation", &["--jsonl"]),
        ("conversation", &["--bogus"]),
        ("custom_lexicon", &["--bogus"]),
        ("throughput", &["--min-seconds"]),
        ("throughput", &["--bytes", "lots"]),
        ("throughput", &["--threads", "many"]),
        ("throughput", &["a.txt", "b.txt"]),
        ("evaluate", &["--split", "nonsense"]),
        ("evaluate", &["--split"]),
        ("evaluate", &["--plot"]),
        ("evaluate", &["--plot", "--json"]),
        ("evaluate", &["--real", "mine.jsonl"]),
        ("evaluate", &["--peer", "--real"]),
        ("evaluate", &["--frobnicate"]),
        ("calibrate", &["--frobnicate"]),
        ("calibrate", &["extra"]),
        ("train", &["--frobnicate"]),
        ("train", &["--prior"]),
    ];
    for (name, args) in cases {
        let out = run(name, args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {out:?}");
        assert!(stderr.starts_with("error: "), "{name} {args:?}: {stderr}");
        assert!(stderr.contains("usage: "), "{name} {args:?}: {stderr}");
        assert!(
            out.stdout.is_empty(),
            "{name} {args:?}: {}",
            text(&out.stdout)
        );
    }
}

#[test]
fn a_malformed_line_is_one_stderr_line_with_its_number_and_exit_1() {
    let replies = temp_file(
        "malformed.jsonl",
        b"{\"id\": 1, \"text\": \"So sorry, I'll fix it now.\"}\n{\"id\": 2, \"text\": \"unterm\n\n{\"id\": 4, \"txt\": \"no text field\"}\n{\"id\": 5, \"text\": \"Thanks!\"}\n",
    );
    for args in [
        vec!["--jsonl", path_str(&replies)],
        vec![path_str(&replies)],
    ] {
        let out = run("score", &args);
        let stderr = text(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(out.status.code(), Some(1), "score {args:?}: {out:?}");
        assert_eq!(lines.len(), 2, "score {args:?}: {stderr}");
        assert!(lines[0].starts_with("line 2: "), "{stderr}");
        assert!(lines[0].contains("at column "), "{stderr}");
        assert!(
            !lines[0].contains("at line"),
            "the position twice: {stderr}"
        );
        assert!(lines[1].starts_with("line 4: "), "{stderr}");
        assert!(lines[1].contains("`text`"), "{stderr}");
    }
    let out = run("score", &["--jsonl", path_str(&replies)]);
    assert_eq!(
        text(&out.stdout).lines().count(),
        2,
        "the good lines are scored"
    );

    let conversations = temp_file(
        "conversations.jsonl",
        b"{\"id\": 1, \"turns\": [{\"role\": \"customer\", \"text\": \"Where is my parcel?\"}]}\n{\"id\": 2, \"turns\": [{\"role\": \"customer\", \"text\": \"Hi\", \"at\": \"yesterday\"}]}\n",
    );
    let out = run("conversation", &["--jsonl", path_str(&conversations)]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("line 2: turn 0: "), "{stderr}");
    assert_eq!(text(&out.stdout).lines().count(), 1);
}

#[test]
fn a_binary_input_is_refused_in_one_line() {
    // This test's own executable: what `/bin/ls` as input looked like.
    let binary = std::env::current_exe().expect("the test's own path");
    let binary = path_str(&binary);
    let cases: &[(&str, &[&str])] = &[
        ("score", &["--jsonl", binary]),
        ("score", &[binary]),
        ("conversation", &["--jsonl", binary]),
        ("conversation", &[binary]),
        ("throughput", &[binary]),
        ("evaluate", &[binary]),
    ];
    for (name, args) in cases {
        let out = run(name, args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name} {args:?}: {out:?}");
        assert_eq!(stderr.lines().count(), 1, "{name} {args:?}: {stderr}");
        assert!(stderr.contains("looks binary"), "{name} {args:?}: {stderr}");
    }
    let out = run_with(
        "score",
        &["--jsonl", "-"],
        Some(b"\x7fELF\x02\x01\x01\0\0\0\xff\xfe"),
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        text(&out.stderr).trim(),
        "error: <stdin> looks binary, not JSONL"
    );
}

/// Spawns the example, reads one line of its output, closes the pipe, and checks that it
/// ended quietly.
fn assert_quiet_on_broken_pipe(name: &str, args: &[&str]) {
    let mut child = Command::new(example(name))
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {name}: {e}"));
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("a stdout pipe"))
        .read_line(&mut first)
        .expect("one line of output");
    assert!(!first.is_empty(), "{name} {args:?} wrote nothing");
    // The reader is dropped here: the pipe is closed while the example still writes.
    let out = child.wait_with_output().expect("the example ends");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name} {args:?}: {stderr}");
    assert_eq!(out.status.code(), Some(0), "{name} {args:?}: {stderr}");
    assert!(stderr.is_empty(), "{name} {args:?}: {stderr}");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    // Far more output than a pipe holds, so that the example is still writing when it closes.
    let mut replies = String::new();
    let mut conversations = String::new();
    for i in 0..3000 {
        replies.push_str(&format!(
            "{{\"id\": {i}, \"customer\": \"My order never arrived and I'm furious.\", \"text\": \"I'm so sorry, I've sent a replacement that arrives tomorrow.\"}}\n"
        ));
    }
    for i in 0..1500 {
        conversations.push_str(&format!(
            "{{\"id\": {i}, \"turns\": [{{\"role\": \"customer\", \"text\": \"My order never arrived.\"}}, {{\"role\": \"agent\", \"text\": \"So sorry! I've sent a new one.\"}}]}}\n"
        ));
    }
    let replies = temp_file("many-replies.jsonl", replies.as_bytes());
    let conversations = temp_file("many-conversations.jsonl", conversations.as_bytes());
    assert_quiet_on_broken_pipe("score", &[]);
    assert_quiet_on_broken_pipe("score", &[path_str(&replies)]);
    assert_quiet_on_broken_pipe("score", &["--jsonl", path_str(&replies)]);
    assert_quiet_on_broken_pipe("conversation", &[]);
    assert_quiet_on_broken_pipe("conversation", &[path_str(&conversations)]);
    assert_quiet_on_broken_pipe("conversation", &["--jsonl", path_str(&conversations)]);
}

#[test]
fn the_jsonl_output_is_the_librarys_serde_form() {
    let lines = [
        (
            r#"1"#,
            "I'm so sorry to hear that, Dana. I'll fix it today.",
            None,
        ),
        (
            r#""b""#,
            "Please see our policy.",
            Some("My flight was cancelled and I'm stuck at the airport!"),
        ),
        (r#"null"#, "", None),
    ];
    let mut input = String::new();
    for (id, text, customer) in &lines {
        let mut obj = serde_json::json!({ "id": serde_json::from_str::<serde_json::Value>(id).unwrap(), "text": text });
        if let Some(c) = customer {
            obj["customer"] = (*c).into();
        }
        input.push_str(&format!("{obj}\n"));
    }
    let out = run_with("score", &["--jsonl", "-"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let scorer = empathy::Scorer::default();
    let stdout = text(&out.stdout);
    let got: Vec<&str> = stdout.lines().collect();
    assert_eq!(got.len(), lines.len(), "{stdout}");
    for ((id, reply, customer), got) in lines.iter().zip(got) {
        let a = match customer {
            Some(c) => scorer.score_reply_to(reply, empathy::CustomerMessage::new(c)),
            None => scorer.score(reply),
        };
        let serde = serde_json::to_string(&a).unwrap();
        let want = format!("{{\"id\":{id},{}", &serde[1..]);
        assert_eq!(got, want);
    }
}

#[test]
fn the_readable_report_reads_your_file_with_a_legend_and_a_summary() {
    let input = concat!(
        r#"{"id": "mine", "customer": "My parcel never came. Dana", "text": "Hi Dana, I'm so sorry your parcel never came. I've sent a new one today."}"#,
        "\n",
        r#"{"id": "blank", "text": ""}"#,
        "\n",
    );
    let out = run_with("score", &["-"], Some(input.as_bytes()));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(!stdout.contains('\x1b'), "no colour in a pipe: {stdout}");
    assert!(stdout.contains("How to read it"), "a legend: {stdout}");
    assert!(
        stdout.contains("{kind×}"),
        "the legend explains ×: {stdout}"
    );
    let legend = stdout.split("── ").next().unwrap_or_default();
    for term in [
        "[words]{kind}",
        "+ kind",
        "- kind",
        "responsiveness",
        "reflection",
        "→",
    ] {
        assert!(
            legend.contains(term),
            "the legend explains {term}: {legend}"
        );
    }
    assert!(stdout.contains("── \"mine\" ──"), "{stdout}");
    assert!(
        stdout.contains("[Dana]{personalization"),
        "a name is personalization: {stdout}"
    );
    assert!(stdout.contains("not readable: empty"), "{stdout}");
    let summary = stdout
        .split("══ summary ══")
        .nth(1)
        .unwrap_or_else(|| panic!("a summary: {stdout}"));
    assert!(summary.contains("2 replies, mean score"), "{summary}");
    assert!(summary.contains("levels: "), "{summary}");
    assert!(summary.contains("most common suggestions: "), "{summary}");
    assert!(summary.contains("not readable: 1"), "{summary}");

    let coloured = run_with("score", &["--color", "always", "-"], Some(input.as_bytes()));
    assert!(
        text(&coloured.stdout).contains("\x1b["),
        "--color always colours"
    );
}

#[test]
fn custom_lexicon_uses_its_arguments() {
    let out = run("custom_lexicon", &["--print-lexicon"]);
    assert_eq!(out.status.code(), Some(0));
    let lexicon = temp_file("house.toml", &out.stdout);
    let lexicon = path_str(&lexicon);
    let out = run("custom_lexicon", &[lexicon, "We've got you, Sam."]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout.contains("We've got you, Sam."), "{stdout}");
    let with = stdout
        .split(&format!("with {lexicon}"))
        .nth(1)
        .unwrap_or_else(|| panic!("scored with the file: {stdout}"));
    assert!(with.contains("reassurance"), "{stdout}");

    let out = run_with("custom_lexicon", &[lexicon, "-"], Some(b"Kindly revert.\n"));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        text(&out.stdout).contains("scripted"),
        "{}",
        text(&out.stdout)
    );

    let broken = temp_file(
        "broken.toml",
        b"[lexicon]\nformat = 1\n[[cues]]\nkind = \"reassurance\"\nweight = 1.5\nentries = [\"no worries\"]\n",
    );
    let out = run("custom_lexicon", &[path_str(&broken), "No worries."]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("broken.toml:"), "names the file: {stderr}");
}

#[test]
fn throughput_measures_a_small_file() {
    let file = temp_file(
        "lines.txt",
        b"I'm so sorry to hear that.\n{\"text\": \"I'll fix it today.\"}\n",
    );
    let out = run(
        "throughput",
        &["--min-seconds", "0", "--only-ours", path_str(&file)],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "no progress bar in a pipe: {}",
        text(&out.stderr)
    );
    assert!(stdout.contains("2 lines"), "{stdout}");
    assert!(stdout.contains("score_into"), "{stdout}");
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    let forced = run_in("score", &[], None, &[("CLICOLOR_FORCE", "1")], None);
    assert!(
        text(&forced.stdout).contains("\x1b["),
        "CLICOLOR_FORCE colours a pipe"
    );
    let off = run_in(
        "score",
        &[],
        None,
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        None,
    );
    assert!(
        !text(&off.stdout).contains('\x1b'),
        "NO_COLOR wins over CLICOLOR_FORCE"
    );
    let off = run_in("conversation", &[], None, &[("NO_COLOR", "1")], None);
    assert!(!text(&off.stdout).contains('\x1b'));
    assert_eq!(off.status.code(), Some(0), "{off:?}");
}

/// A scratch directory of this test's own, emptied first.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("examples_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn evaluate_works_from_any_directory_and_refuses_bad_input() {
    let elsewhere = temp_dir("elsewhere");
    let out = run_in(
        "evaluate",
        &["--split", "held-out"],
        None,
        &[],
        Some(&elsewhere),
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "no progress in a pipe: {out:?}");
    assert!(stdout.contains("split held-out"), "{stdout}");
    assert!(stdout.contains("acknowledgment"), "{stdout}");
    assert!(!stdout.contains("NaN"), "{stdout}");

    let empty = temp_file("empty.jsonl", b"");
    let out = run("evaluate", &[path_str(&empty)]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is empty"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "no table of NaN: {}",
        text(&out.stdout)
    );

    // One good item (from the development set), one broken line: the item is evaluated, the
    // line named once, exit status 1.
    let dev =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/dev.jsonl"))
            .expect("the development set");
    let good: Vec<&str> = dev.lines().take(40).collect();
    let mut mixed = good.join("\n");
    mixed.push_str("\n{\"id\": \"x\", \"reply\": \n");
    let mixed = temp_file("mixed.jsonl", mixed.as_bytes());
    let out = run("evaluate", &[path_str(&mixed), "--json"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("line 41: "), "{stderr}");
    assert!(!stderr.contains("at line"), "the position twice: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["items"], 40);
}

/// An SVG file that parses as SVG (XML-ish: starts with `<svg` or `<?xml`, ends its root).
fn svg(path: &Path) -> String {
    let svg = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = svg.trim_start();
    assert!(
        start.starts_with("<svg") || start.starts_with("<?xml"),
        "{}: not SVG",
        path.display()
    );
    assert!(
        svg.trim_end().ends_with("</svg>"),
        "{}: not closed",
        path.display()
    );
    assert_eq!(
        svg.matches("<svg").count(),
        svg.matches("</svg>").count(),
        "{}",
        path.display()
    );
    svg
}

#[test]
fn evaluate_plots_roc_curves_and_the_score_scatter_as_svg() {
    let dir = temp_dir("plots");
    let out = run(
        "evaluate",
        &["--split", "held-out", "--plot", path_str(&dir)],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("dev-roc-held-out.svg"), "{stdout}");
    let roc = svg(&dir.join("dev-roc-held-out.svg"));
    for field in [
        "acknowledgment",
        "understanding",
        "exploration",
        "ownership",
        "reassurance",
        "personalization",
        "blame",
        "dismissiveness",
        "policy_wall",
        "scripted",
        "curtness",
    ] {
        assert!(roc.contains(field), "ROC grid without {field}");
    }
    assert!(
        roc.contains("empathy AUC 0."),
        "the crate's AUC in the legend"
    );
    assert!(roc.contains("VADER AUC 0."), "VADER's AUC in the legend");
    assert!(roc.contains("split held-out"), "the split in the title");
    let scatter = svg(&dir.join("dev-score-held-out.svg"));
    assert!(scatter.contains("Spearman 0."), "Spearman in the title");
    assert!(scatter.contains("mean overall rating"));
    assert!(scatter.contains("<circle"), "the points");

    // The real corpus, when it is there (CI has it).
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ibm_customer_care.jsonl");
    if !corpus.exists() && std::env::var_os("EMPATHY_CORPUS").is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI has ../shared/corpora");
        eprintln!("skipped --real --plot: no {}", corpus.display());
        return;
    }
    let out = run(
        "evaluate",
        &[
            "--real",
            "--split",
            "train",
            "--json",
            "--plot",
            path_str(&dir),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("only JSON on stdout");
    assert_eq!(json["split"], "train");
    let roc = svg(&dir.join("real-roc-train.svg"));
    for field in [
        "acknowledgment",
        "defensiveness",
        "deflection",
        "any concern",
    ] {
        assert!(roc.contains(field), "real ROC grid without {field}");
    }
    assert!(svg(&dir.join("real-score-train.svg")).contains("Spearman 0."));
    let customer = svg(&dir.join("real-customer-roc-train.svg"));
    for field in ["frustration", "gratitude", "distress"] {
        assert!(
            customer.contains(field),
            "customer ROC grid without {field}"
        );
    }
    assert!(
        !dir.join("real-roc-held-out.svg").exists(),
        "the split is respected"
    );
}

#[test]
fn evaluate_peer_reports_each_strategy_on_the_split() {
    let out = run("evaluate", &["--peer", "--split", "held-out", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("only JSON on stdout");
    assert_eq!(json["split"], "held-out");
    let turns = json["turns"].as_u64().expect("a turn count");
    assert!(
        turns > 0 && turns < 400,
        "a held-out half, not all: {turns}"
    );
    let rows = json["peer"].as_array().expect("rows");
    for (strategy, field) in [
        ("question", "exploration"),
        ("reflection", "acknowledgment"),
        ("affirmation", "reassurance"),
    ] {
        let row = rows
            .iter()
            .find(|r| r["strategy"] == strategy)
            .unwrap_or_else(|| panic!("no {strategy} row"));
        let auc = row["auc"][field].as_f64().expect("an AUC");
        assert!((0.0..=1.0).contains(&auc), "{strategy}/{field}: {auc}");
        assert!(row["positives"].as_u64().unwrap_or(0) > 0);
    }
}
