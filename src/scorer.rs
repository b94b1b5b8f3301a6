//! [`Scorer`]: build once, score many. Cheap to clone, `Send + Sync`.

use crate::analyze::Cache;
use crate::assess::{Caches, Engine, customer};
use crate::compile::{Matcher, Side};
use crate::error::{Error, WeightsError};
use crate::lexicon::Lexicon;
use crate::model::Model;
use crate::report::{Assessment, CustomerContext};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// Scores customer-service replies for empathy.
///
/// Build it once ([`Scorer::default`] for the built-in English lexicon, or [`Scorer::builder`])
/// and share it: it is immutable, `Clone` (an `Arc` bump) and `Send + Sync`. Scoring never
/// fails and never panics; its cost is linear in the length of the text.
///
/// ```
/// use empathy::{Scorer, Level};
/// let scorer = Scorer::default();
/// let warm = scorer.score("I'm so sorry about the delay, Maria. I've rebooked you on the 6pm flight.");
/// let cold = scorer.score("Calm down. It's our policy.");
/// assert!(warm.score > cold.score);
/// assert_eq!(cold.level, Level::Low);
/// ```
#[derive(Clone)]
pub struct Scorer {
    engine: Arc<Engine>,
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scorer")
            .field("lexicon", &self.engine.lexicon.name())
            .field("entries", &self.engine.lexicon.entries().len())
            .finish_non_exhaustive()
    }
}

impl Default for Scorer {
    /// The built-in English scorer. Built once per process; later calls clone it.
    fn default() -> Self {
        static BUILTIN: OnceLock<Scorer> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                ScorerBuilder::new()
                    .build()
                    .unwrap_or_else(|e| panic!("the built-in scorer is invalid: {e}"))
            })
            .clone()
    }
}

/// The customer's message a reply answers, for [`Scorer::score_reply_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CustomerMessage<'a> {
    /// What the customer wrote.
    pub text: &'a str,
    /// The customer's name, when the caller knows it (otherwise it is read from a signature).
    pub name: Option<&'a str>,
}

impl<'a> CustomerMessage<'a> {
    /// The message, with no name.
    pub fn new(text: &'a str) -> Self {
        CustomerMessage { text, name: None }
    }

    /// With the customer's name.
    pub fn named(mut self, name: &'a str) -> Self {
        self.name = Some(name);
        self
    }
}

/// Builds a [`Scorer`] with a custom lexicon or weights.
///
/// ```
/// use empathy::{Lexicon, Scorer};
/// let extra = Lexicon::from_toml_str(r#"
/// [lexicon]
/// format = 1
/// [[cues]]
/// kind = "acknowledgment"
/// weight = 0.9
/// entries = ["(oh no|yikes) that's (rough|awful)"]
/// "#)?;
/// let scorer = Scorer::builder().extend(extra).build()?;
/// assert!(scorer.score("Yikes, that's rough!").dimensions.acknowledgment > 0.3);
/// # Ok::<(), empathy::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ScorerBuilder {
    base: Option<Lexicon>,
    extensions: Vec<Lexicon>,
    weights: Option<Model>,
}

impl ScorerBuilder {
    /// A builder starting from the built-in English lexicon.
    pub fn new() -> Self {
        ScorerBuilder::default()
    }

    /// Replaces the built-in lexicon with `lexicon` (which must carry `[model]`, `[context]`
    /// and `[suggestions]`, like the built-in one).
    pub fn lexicon(mut self, lexicon: Lexicon) -> Self {
        self.base = Some(lexicon);
        self
    }

    /// Adds a user lexicon on top of the base: its entries override entries with the same
    /// pattern, and are added otherwise.
    pub fn extend(mut self, lexicon: Lexicon) -> Self {
        self.extensions.push(lexicon);
        self
    }

    /// Uses this model (weights, factors, thresholds) instead of the lexicon's `[model]`.
    pub fn model(mut self, model: Model) -> Self {
        self.weights = Some(model);
        self
    }

    /// The old name of [`ScorerBuilder::model`].
    #[deprecated(since = "0.2.0", note = "renamed to `model`")]
    pub fn weights(self, weights: Model) -> Self {
        self.model(weights)
    }

    /// Validates everything and compiles the matchers.
    pub fn build(self) -> Result<Scorer, Error> {
        let mut lexicon = match self.base {
            Some(base) => Cow::Owned(base),
            None => Cow::Borrowed(Lexicon::builtin_ref()),
        };
        for extra in self.extensions {
            lexicon.to_mut().extend(extra)?;
        }
        lexicon.check_complete()?;
        let weights = match self.weights {
            Some(w) => w,
            None => lexicon
                .weights
                .clone()
                .ok_or(Error::Weights(WeightsError::Missing))?,
        };
        weights.validate()?;
        let (reply, customer) = build_matchers(&lexicon)?;
        let customer_tools = customer::Tools::new(&lexicon);
        let messages = lexicon.message_table();
        let texts = lexicon
            .texts
            .clone()
            .expect("check_complete makes sure a base lexicon has [messages]");
        let patterns = lexicon.entries.iter().map(|e| e.pattern.clone()).collect();
        let languages = crate::assess::language_detector(&weights.readability);
        Ok(Scorer {
            engine: Arc::new(Engine {
                languages,
                messages,
                texts,
                patterns,
                lexicon,
                weights,
                reply,
                customer,
                customer_tools,
            }),
        })
    }
}

/// The reply and customer matchers. They are independent, so the customer's is compiled on a
/// second thread while this one compiles the reply's.
fn build_matchers(lexicon: &Lexicon) -> Result<(Matcher, Matcher), Error> {
    let (customer, reply) = crate::util::par::join(
        || Matcher::build(lexicon, Side::Customer),
        || Matcher::build(lexicon, Side::Reply),
    );
    Ok((reply?, customer?))
}

thread_local! {
    static CACHES: RefCell<Caches> = RefCell::default();
}

impl Scorer {
    /// Same as [`Scorer::default`].
    pub fn new() -> Self {
        Scorer::default()
    }

    /// A builder for a custom scorer.
    pub fn builder() -> ScorerBuilder {
        ScorerBuilder::new()
    }

    /// The scoring model in use: every weight, factor and threshold.
    pub fn model(&self) -> &Model {
        &self.engine.weights
    }

    /// The old name of [`Scorer::model`].
    #[deprecated(since = "0.2.0", note = "renamed to `model`")]
    pub fn weights(&self) -> &Model {
        self.model()
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.engine.lexicon
    }

    /// Approximate heap bytes held by the compiled matchers.
    pub fn memory_usage(&self) -> usize {
        self.engine.reply.memory_usage() + self.engine.customer.memory_usage()
    }

    /// Scores one agent reply on its own.
    pub fn score(&self, text: &str) -> Assessment {
        let mut out = Assessment::default();
        self.score_into(text, &mut out);
        out
    }

    /// Like [`Scorer::score`], but reuses `out`'s buffers: in steady state it allocates nothing.
    ///
    /// ```
    /// let scorer = empathy::Scorer::default();
    /// let mut out = empathy::Assessment::default();
    /// for reply in ["Happy to help!", "Sorry to hear that."] {
    ///     scorer.score_into(reply, &mut out);
    ///     assert!(out.score > 0.0);
    /// }
    /// ```
    pub fn score_into(&self, text: &str, out: &mut Assessment) {
        CACHES.with(|cell| match cell.try_borrow_mut() {
            Ok(mut guard) => {
                let (ws, _, buf) = &mut *guard;
                self.engine.assess(text, None, ws, buf, out);
            }
            // Re-entered from inside a scoring call (not possible today): use fresh buffers.
            Err(_) => self
                .engine
                .assess(text, None, &mut Cache::default(), &mut Vec::new(), out),
        });
    }

    /// Scores a reply against the customer's message it answers: the customer's emotions,
    /// whether the reply meets them (`responsiveness`), how much of the customer's content it
    /// picks up (`reflection`), and personalization from the customer's name.
    ///
    /// ```
    /// let scorer = empathy::Scorer::default();
    /// let reply = "Your refund was processed on Monday.";
    /// let calm = scorer.score_reply("Hi! Has my refund gone through?", reply);
    /// let angry = scorer.score_reply("This is UNACCEPTABLE, third time I'm asking about my refund!!", reply);
    /// assert!(calm.score > angry.score);
    /// assert!(angry.customer.unwrap().emotions.anger > 0.0);
    /// ```
    pub fn score_reply(&self, customer: &str, reply: &str) -> Assessment {
        self.score_reply_to(reply, CustomerMessage::new(customer))
    }

    /// [`Scorer::score_reply`] with the customer's name when the caller knows it.
    #[deprecated(
        since = "0.2.0",
        note = "use `score_reply_to(reply, CustomerMessage::new(customer).named(name))`"
    )]
    pub fn score_reply_named(&self, customer: &str, name: Option<&str>, reply: &str) -> Assessment {
        let mut message = CustomerMessage::new(customer);
        message.name = name;
        self.score_reply_to(reply, message)
    }

    /// Scores `reply` against the customer's message it answers. The two texts have
    /// different types, so they cannot be swapped by accident (as two `&str` can in
    /// [`Scorer::score_reply`]).
    ///
    /// ```
    /// use empathy::{CustomerMessage, Scorer};
    /// let scorer = Scorer::default();
    /// let customer = CustomerMessage::new("My card was declined at the airport and I'm so worried!").named("Ana");
    /// let a = scorer.score_reply_to("So sorry, Ana! I've lifted the block, please try again now.", customer);
    /// let ctx = a.customer.as_ref().unwrap();
    /// assert_eq!(ctx.name.as_deref(), Some("Ana"));
    /// assert!(ctx.emotions.anxiety > 0.0 || ctx.emotions.frustration > 0.0);
    /// ```
    pub fn score_reply_to(&self, reply: &str, customer: CustomerMessage<'_>) -> Assessment {
        let CustomerMessage {
            text: customer,
            name,
        } = customer;
        let mut out = Assessment::default();
        let mut fresh: Caches = Default::default();
        CACHES.with(|cell| {
            let mut guard = cell.try_borrow_mut();
            let (cws, rws, buf) = match guard.as_mut() {
                Ok(g) => &mut **g,
                Err(_) => &mut fresh,
            };
            let reading = customer::read(&self.engine, customer, name, cws);
            self.engine
                .assess(reply, Some(&reading), rws, buf, &mut out);
        });
        out
    }

    /// Reads the emotions in a customer's message.
    ///
    /// ```
    /// let scorer = empathy::Scorer::default();
    /// let r = scorer.customer_emotions("I'm EXTREMELY disappointed!!! Still waiting for my order.");
    /// assert!(r.emotions.frustration > 0.0);
    /// ```
    pub fn customer_emotions(&self, text: &str) -> CustomerContext {
        let mut ws = Cache::default();
        let reading = customer::read(&self.engine, text, None, &mut ws);
        // Nothing answered it yet: nothing unmet, nothing reflected.
        reading.context(&self.engine.weights.customer, 1.0, 0.0, Vec::new())
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }
}

#[cfg(feature = "rayon")]
#[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
impl Scorer {
    /// Scores many replies in parallel on the rayon thread pool (feature `rayon`).
    /// Results are in input order and equal to calling [`Scorer::score`] on each.
    ///
    /// ```
    /// let scorer = empathy::Scorer::default();
    /// let out = scorer.score_batch(&["Sorry to hear that!", "Calm down."]);
    /// assert_eq!(out.len(), 2);
    /// assert_eq!(out[1], scorer.score("Calm down."));
    /// ```
    pub fn score_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Assessment> {
        use rayon::prelude::*;
        texts
            .par_iter()
            .with_min_len(64)
            .map(|t| self.score(t.as_ref()))
            .collect()
    }

    /// Like [`Scorer::score_batch`], but into `out` (resized to `texts.len()`), reusing the
    /// buffers of the assessments already there: a streaming job that passes the same
    /// vector for every batch allocates nothing in steady state (feature `rayon`).
    ///
    /// ```
    /// let scorer = empathy::Scorer::default();
    /// let mut out = Vec::new();
    /// for batch in [["Sorry to hear that!", "Calm down."], ["Happy to help!", "No."]] {
    ///     scorer.score_batch_into(&batch, &mut out);
    ///     assert_eq!(out.len(), 2);
    ///     assert_eq!(out[0], scorer.score(batch[0]));
    /// }
    /// ```
    pub fn score_batch_into<S: AsRef<str> + Sync>(&self, texts: &[S], out: &mut Vec<Assessment>) {
        use rayon::prelude::*;
        out.resize_with(texts.len(), Assessment::default);
        out.par_iter_mut()
            .zip(texts.par_iter())
            .with_min_len(64)
            .for_each(|(o, t)| self.score_into(t.as_ref(), o));
    }

    /// Scores many (customer, reply) pairs in parallel (feature `rayon`).
    pub fn score_reply_batch<S: AsRef<str> + Sync>(&self, pairs: &[(S, S)]) -> Vec<Assessment> {
        use rayon::prelude::*;
        pairs
            .par_iter()
            .with_min_len(32)
            .map(|(c, r)| self.score_reply(c.as_ref(), r.as_ref()))
            .collect()
    }
}
