"""Word lists the rule-based extractor uses: head nouns per type, cue verbs, generic words.

Head nouns decide the type of a noun phrase by its last word ("image super-resolution" is a
task because of "super-resolution"); cue words mark what a paper proposes; generic words
are never entities on their own (the annotation guideline's "bare generic words").
"""

from __future__ import annotations

from kg.types import EntityType

# Not "alignment": in generative-model abstracts it is mostly a property ("text-image
# alignment"; on the dev page 4 such terms, none a gold task); known alignment tasks ("word
# alignment") are gazetteer entries.
TASK_HEADS = frozenset("""
generation synthesis segmentation classification detection recognition translation restoration
inpainting outpainting super-resolution superresolution editing estimation prediction captioning
answering retrieval tracking dehazing deblurring colorization colourization summarization
summarisation parsing modeling modelling correspondence stylization reconstruction completion
forecasting understanding reasoning planning extraction tagging labeling labelling simplification
swapping subsampling localization localisation matching registration navigation compression
enhancement interpolation anonymization verification identification diagnosis inversion
transfer manipulation animation creation composition acceleration grounding
recommendation folding simulation hallucination design proving inspection grasping locomotion
sensing hacking matting recovery removal infilling diarization nowcasting counting repair
downscaling screening transcription personalization
""".split())

METHOD_HEADS = frozenset("""
model network net transformer autoencoder auto-encoder encoder decoder distillation diffusion
sampler solver optimization optimisation learning flow architecture mechanism module attention
algorithm estimator regularization guidance quantization adapter prior scheme technique policy
embedding tokenizer layer conditioning injection propagation assignment pruning fine-tuning
tuning inference bound classifier discriminator generator gan vae sde ode framework
method approach pipeline mask loss objective calibration selection scaling denoising sampling
relaxation remasking weighting expectation transport imaging
attack probe operator pretraining pre-training agent autoencoding smoothing codec retriever
prompting iteration search pooling detector simulator forcing decoding optimizer optimiser
recognizer recogniser refinement clipping routing dropout offloading parallelism prefetching upcycling
convolution filter
""".split())

DATASET_HEADS = frozenset("dataset data-set benchmark corpus database suite collection treebank"
                           .split())

METRIC_HEADS = frozenset("""
score accuracy error distance divergence precision recall perplexity likelihood speed ratio
rate
""".split())

HEADS: dict[str, EntityType] = {
    **{w: EntityType.METRIC for w in METRIC_HEADS},
    **{w: EntityType.METHOD for w in METHOD_HEADS},
    **{w: EntityType.TASK for w in TASK_HEADS},
    **{w: EntityType.DATASET for w in DATASET_HEADS},
}

# Heads too vague to stand as the last word of a term unless a name-like word precedes
# them ("Wagner's method", "DiT framework").
WEAK_HEADS = frozenset("""
method approach framework pipeline process model network module mechanism scheme technique
algorithm architecture layer loss objective strategy policy mask selection scaling bound
prior inference learning error distance speed score estimation prediction
encoder decoder generator discriminator classifier backbone adapter sampling retriever detector
simulator recognizer recogniser
""".split())

# Words that never start or sit inside a term: evaluative adjectives, determiners, verbs
# and adverbs frequent in abstracts. spaCy's stop words are excluded as well.
BREAK_WORDS = frozenset("""
novel new proposed existing previous current recent popular standard typical common
conventional traditional classical simple efficient effective powerful robust strong
significant state-of-the-art sota various several many multiple different diverse
large-scale small-scale high-quality high-fidelity high-precision better best superior remarkable
impressive promising challenging important key main general generic unified versatile
specific particular respective corresponding additional further first second third final
original underlying resulting given same such other certain extensive comprehensive
fundamental crucial critical substantial competitive comparable faster slower lower higher
highest lowest specialized specialised
propose proposes proposed introduce introduces introduced present presents presented
show shows shown demonstrate demonstrates demonstrated achieve achieves achieved
simulate simulates take takes took interleave interleaves audit audits
outperform outperforms outperformed enable enables enabled use uses used using leverage
leverages leveraging apply applies applied applying train trains trained training
improve improves improved improving reduce reduces reduced reducing generate generates
generating generated study studies studied explore explores explored address addresses
allow allows allowing require requires required remain remains make makes made based
called termed dubbed named coined known via i.e. e.g. etc et al et
also however thus therefore moreover furthermore hence while whereas although
approach approaches method methods framework frameworks technique techniques
work works paper papers task tasks problem problems result results experiment experiments
performance quality efficiency capability capabilities ability effectiveness
our their its this these those that which whose pre-trained pretrained off-the-shelf
hundred hundreds thousand thousands million millions billion billions trillion trillions
beat reach reaches reached
accurate precise rapid detailed nuanced flexible separate complex exact pure
open-weight open-weights open-source closed-source proprietary scalable
need needs share shares shared predict predicts plausible realistic
identify identifies exploit exploits adapt adapts generalize generalizes formulate formulates
stabilize stabilizes utilize utilizes utilized perform performs performed provide provides
provided capture captures captured assign assigns assigned attract attracts attracted
obtain obtains obtained handle handles handled revolutionize revolutionized revolutionizes
solve solves solved learn learns learned model's yield yields yielded enhance enhances
enhanced mitigate mitigates mitigated tackle tackles tackled establish establishes
established evaluate evaluates evaluated compare compares compared investigate
investigates investigated analyze analyzes analyzed conduct conducts conducted consider
considers considered integrate integrates integrated incorporate incorporates incorporated
employ employs employed adopt adopts adopted extend extends extended combine combines
baseline baselines combined unlike versus vs vs. toward towards despite beyond compared
accelerate accelerates accelerated suffer suffers suffered lack lacks emerge emerges
emerged offer offers offered support supports supported produce produces produced
see sees saw seen discuss discusses discussed ease eases eased treat treats treated
held-out heldout searches overall contain contains contained containing receive receives
received receiving fine-tuned finetuned
unify unifies unified facilitate facilitates facilitated boost boosts boosted exhibit
exhibits exhibited ensure ensures ensured maintain maintains maintained preserve preserves
preserved outline outlines outlined review reviews reviewed examine examines examined
reveal reveals revealed highlight highlights highlighted explain explains explained
describe describes described surpass surpasses surpassed eliminate eliminates eliminated
bridge bridges bridged rely relies relied suggest suggests suggested allow allowed
revisit revisits revisited rethink rethinks rethinking distil distils distill distills distilled
report reports reported let lets lose loses far analyse analyses analysed utilise utilises
utilised characterise characterises characterised consistent inconsistent re-rank rerank
re-ranks reranks tuned
well-known widely-used lengthy inefficient costly expensive tedious cumbersome
dedicated principled supplementary automated tailored customized
single stable faithful photorealistic fast lightweight small tiny light-weight frozen compact fewer
help helps helped downstream align aligns start starts pretrain pretrains
fine-tune fine-tunes finetune finetunes
meet meets newer older larger smaller bigger stronger weaker cheaper simpler rival rivals
earlier unchanged prompted correct incorrect matched useful helpful deterministic heavy short
successful unsuccessful survive survives survived related unrelated published unpublished
deploy deploys near-perfect near-optimal revolutionizing revolutionising high-performance
high-performing high-confidence low-confidence
strongest weakest largest smallest fastest slowest simplest hardest easiest latest newest worst
cheapest editable ask asks asked avoid avoids avoided avoiding run runs basic add adds added
promise promises promised reason reasons like
recommend recommends recommended deeper shallower wider narrower seven dozen dozens hundreds
thousands hurt hurts ground grounds include includes included way ways
accumulate accumulates accumulated limited recast recasts cannot
plain serve serves served suffice suffices feed feeds motivate motivates motivated propagate
propagates propagated billion-scale million-scale web-scale internet-scale wrong subsequent measure
prevent prevents prevented reuse reuses reused brought bring brings remove removes removed
today nowadays reflect reflects reflected inspired inspire inspires derive derives fixed
prefer prefers preferred reject rejects degrade degrades deployed perform performs performing
breaks broke
usable poor advanced easy optional excellent outstanding notable good distinct
demonstrating showing revealing highlighting suggesting indicating alongside
undermine undermines hinder hinders obscure obscures advance advances appropriate entire
minimal modern incur incurs extent high minimalist promote promotes isolate naive
time-consuming predefined detect detects aggressive extreme optimize optimizes coherent
incorporating retaining integrating combining coordinating exploiting maintaining preserving
eliminating comprising featuring spanning involving requiring yielding outperforming achieving
enabling providing capturing introducing proposing presenting utilizing employing adopting
""".split())

# Single words that are never an entity on their own, even when typed by a rule.
GENERIC_WORDS = frozenset("""
method methods approach approaches framework frameworks model models technique techniques
algorithm algorithms system systems architecture network networks module modules mechanism
pipeline strategy scheme baseline baselines task tasks problem problems dataset datasets
data benchmark benchmarks metric metrics score scores performance result results experiment
experiments generation synthesis learning training inference sampling diffusion process
prior loss objective policy estimation prediction quality solution solutions tool tools
application applications domain domains setting settings representation representations
feature features image images video videos text texts sample samples noise output outputs
input inputs step steps layer layers encoder decoder flow flows guidance distillation
generator discriminator classifier classifiers mask masks fine-tuning finetuning
""".split())

# Generic words the trained model may keep (pipeline accurate): words for a kind of model
# part or of output that SciERC annotates as entities where a sentence uses them as such
# ("a classifier", "the decoder", "generation"). Measured on SciERC dev: 5 right spans more,
# no wrong one (span F1 0.613 -> 0.621).
MODEL_KIND_WORDS = frozenset("""
classifier decoder encoder generator discriminator transformer generation synthesis
""".split())

ARTICLES = frozenset("a an the".split())

PROPOSE_CUES = frozenset("""
propose proposes proposed introduce introduces introduced present presents presented
develop develops developed design designs designed term termed dub dubbed call called
name named coin coined build builds construct constructs constructed curate curates
curated collect collects collected release releases
""".split())
# Proposing words that give a name to what another proposes ("we present a new task, termed
# X", "a dataset named X").
NAMING_CUES = frozenset("termed named called dubbed coined".split())

# Task nouns that name a task with what they act on after "of": "estimation of diffusion
# coefficients", "segmentation of the left ventricle". Not nouns of an ability or a
# process ("understanding of model robustness", "alignment of text and images").
OF_TASK_HEADS = frozenset("""
estimation segmentation classification detection recognition generation synthesis prediction
reconstruction restoration diagnosis localization localisation tracking retrieval translation
forecasting inpainting editing captioning parsing extraction summarization summarisation
registration
""".split())

# Verbs whose noun is a task: a title that starts with one names the task it does to its
# object ("Accelerating Video Diffusion with ...": "video diffusion acceleration").
TASK_VERBS: dict[str, str] = {
    form: noun for noun, forms in {
        "acceleration": "accelerate accelerating", "segmentation": "segmenting",  # not "segment": a noun
        "detection": "detect detecting", "classification": "classify classifying",
        "estimation": "estimate estimating", "prediction": "predict predicting",
        "reconstruction": "reconstruct reconstructing", "restoration": "restore restoring",
        "generation": "generate generating", "synthesis": "synthesize synthesizing synthesise "
        "synthesising", "translation": "translate translating", "localization": "localize "
        "localizing localise localising", "retrieval": "retrieve retrieving",
        "recognition": "recognize recognizing recognise recognising",
        "compression": "compress compressing", "summarization": "summarize summarizing",
        "animation": "animate animating", "erasure": "erase erasing", "removal": "remove "
        "removing", "forecasting": "forecast forecasting", "tracking": "track tracking",
        "editing": "edit editing", "captioning": "caption captioning",
        "inpainting": "inpaint inpainting",
        "parsing": "parse parsing", "verification": "verify verifying",
    }.items() for form in forms.split()}

# After a name, these make it a dataset (environments and simulators count: "the Habitat
# simulator", "ALFWorld and WebShop environments").
DATASET_CUES = frozenset("""
dataset datasets benchmark benchmarks corpus corpora leaderboard leaderboards
simulator simulators environment environments suite collection challenge archive posts
database databases reanalysis articles survey surveys competition olympiad
""".split())

# Method heads that also name problems: "posterior sampling", "structured optimization".
# A term with one of these heads is a task where its context says so (TASK_CUES_AFTER right
# after it, or a TASK_CUES_BEFORE pair of words right before it).
AMBIGUOUS_HEADS = frozenset("sampling optimization optimisation learning inference denoising".split())
TASK_CUES_AFTER = frozenset("problem problems task tasks".split())
TASK_CUES_BEFORE = frozenset({
    ("problem", "of"), ("problems", "of"), ("task", "of"), ("tasks", "of"),
    ("approach", "to"), ("approaches", "to"), ("method", "for"), ("methods", "for"),
    ("algorithms", "for"), ("solution", "to"), ("solutions", "to"),
    ("models", "for"), ("model", "for"),
})

# Heads of two-word method terms that name a technique or a model family, not a part of
# one: a paper's only mention of "vector quantization", "knowledge distillation" or
# "variational autoencoders" is kept, while "attention layer" or "noise selection" met once
# in passing is dropped (kg.link).
TECHNIQUE_HEADS = frozenset("""
distillation quantization solver relaxation regularization normalization
autoencoder auto-encoder transformer inversion back-translation autoencoding
""".split())


# Gazetteer entries whose short form also abbreviates a metric (the metric entry's id):
# "MAE" is the masked autoencoder, but "an MAE of 0.41" and "MAE and RMSE" report the mean
# absolute error (kg.extract.resolve.metric_readings).
METRIC_READINGS = {"method/masked-autoencoder": "metric/mean-absolute-error"}
# Words before a metric that say it is measured: "lowers MAE", "the lowest MAE".
METRIC_MOVES = frozenset("""
lower lowers lowered lowering lowest higher highest reduce reduces reduced reducing
minimize minimizes minimise minimises raise raises
""".split())
