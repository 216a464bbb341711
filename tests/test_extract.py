import pytest

from kg.extract import extract, mentions_from_doc, tokens
from kg.pipeline import extraction_records, run_extraction
from kg.types import EntityType
from tests.conftest import make_paper

PAPER = make_paper(
    "FogNet: Robust Detection in Fog",
    "We propose FogNet, a detector for object detection in bad weather. FogNet is trained "
    "on Cityscapes and compared with Faster R-CNN. We report mAP and use low-rank "
    "adaptation (LoRA) for fine-tuning on the KITTI dataset.")


def found(nlp, paper=PAPER):
    (_, mentions), = extract([paper], nlp=nlp)
    return mentions


def labels_by_text(nlp, paper):
    """Return {mention text: type} for one paper."""
    return {m.text: m.label for m in found(nlp, paper)}


def test_offsets_slice_back_to_the_text(nlp):
    mentions = found(nlp)
    assert mentions
    for m in mentions:
        assert PAPER.text[m.start:m.end] == m.text
        assert m.sentence[0] <= m.start < m.end <= m.sentence[1]


def test_result_spans_are_spacy_spans_with_labels_and_kb_ids(nlp):
    """``doc.spans["kg"]`` is the spaCy-native result: labels and gazetteer ids readable."""
    doc = nlp(PAPER.text)
    spans = {s.text: s for s in doc.spans["kg"]}
    assert {s.label_ for s in spans.values()} <= {t.label for t in EntityType}
    assert spans["Cityscapes"].label_ == "DATASET" and spans["Cityscapes"].kb_id_
    assert spans["object detection"].label_ == "TASK"
    assert [(s.start, s.end) for s in doc.spans["kg"]] == [
        (f.start, f.end) for f in doc._.kg_found]


def test_gazetteer_rules_and_cues(nlp):
    by_text = {(m.text, m.label) for m in found(nlp)}
    assert ("Cityscapes", EntityType.DATASET) in by_text
    assert ("Faster R-CNN", EntityType.METHOD) in by_text
    assert ("object detection", EntityType.TASK) in by_text
    assert ("mAP", EntityType.METRIC) in by_text
    assert ("KITTI", EntityType.DATASET) in by_text  # gazetteer and "the X dataset"


def test_a_size_in_billions_names_a_model_and_units_are_no_names(nlp):
    paper = make_paper("Routing", "Results on Zorba-8x7B and Quill2.5-7B-Instruct gain 2.1 dB "
                                  "at 3 GHz and 40 GFLOPs, as on the RouteSet-10M dataset.")
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert {("Zorba-8x7B", EntityType.METHOD), ("Quill2.5-7B-Instruct", EntityType.METHOD),
            ("RouteSet-10M", EntityType.DATASET), ("GFLOPs", EntityType.METRIC)} <= hits
    assert not {text for text, _ in hits} & {"dB", "GHz"}
    paper = make_paper("Forecasts", "We forecast 500 hPa height and 2-metre heat from RGB "
                                    "frames with 4-bit RouteCast, scored by its CRPS.")
    texts = {m.text for m in found(nlp, paper)}
    assert "RouteCast" in texts and not texts & {"hPa", "2-metre", "4-bit", "RGB"}, texts


def test_data_sources_named_by_quantity_list_and_leaderboard(nlp):
    paper = make_paper("Route Graphs Meet Sparse Trees", (
        "We pretrain on 60k hours of VoxRoute and on 2 million molecules from ZINC, QuillChem "
        "and MolPile, and top the OGB-LSC RouteQM leaderboard, unlike RouteNet and PathGNN."))
    typed = labels_by_text(nlp, paper)
    for name in ("VoxRoute", "ZINC", "QuillChem", "MolPile", "RouteQM"):
        assert typed[name] is EntityType.DATASET, name
    assert typed["RouteNet"] is typed["PathGNN"] is EntityType.METHOD
    assert not any("meet" in text.lower() for text in typed)
    paper = make_paper("Agents", "RouteBot is tested in HomeWorld and the Kitchen3D simulator "
                                 "and beats PathBot on real-world videos from ClipLQ.")
    typed = labels_by_text(nlp, paper)
    assert typed["HomeWorld"] is typed["Kitchen3D"] is typed["ClipLQ"] is EntityType.DATASET
    assert typed["RouteBot"] is EntityType.METHOD
    typed = labels_by_text(nlp, make_paper(
        "Agents", "We like it. On RouteSet and PathSet, it wins."))
    assert typed["RouteSet"] is typed["PathSet"] is EntityType.DATASET
    typed = labels_by_text(nlp, make_paper(
        "Cells", "We test it on the Quill Street Journal and Route Cell Atlas datasets."))
    assert typed["Quill Street Journal"] is typed["Route Cell Atlas"] is EntityType.DATASET
    typed = labels_by_text(nlp, make_paper(
        "Rain", "RouteFormer is trained on Rain100L, the QuillSIDE haze dataset and Snow40Q. "
                "Fine-tuned on QuillNER 2.0, RouteLM wins."))
    assert typed["QuillSIDE"] is typed["Snow40Q"] is typed["QuillNER 2.0"] is (
        EntityType.DATASET), typed
    typed = labels_by_text(nlp, make_paper(
        "Parts", "RouteMAE transfers to part segmentation on QuillPart40."))
    assert typed["QuillPart40"] is EntityType.DATASET, typed
    assert typed["part segmentation"] is EntityType.TASK, typed
    typed = labels_by_text(nlp, make_paper(
        "Recall", "RouteSSM wins on the QuillER and Needle-in-a-Route long-context benchmarks."))
    assert typed["QuillER"] is typed["Needle-in-a-Route"] is EntityType.DATASET, typed
    assert typed["RouteSSM"] is EntityType.METHOD
    typed = labels_by_text(nlp, make_paper(
        "Tiles", "RouteSeg is pretrained on 12 million Sentinel-Q and QuillSat tiles."))
    assert typed["Sentinel-Q"] is typed["QuillSat"] is EntityType.DATASET, typed
    typed = labels_by_text(nlp, make_paper(
        "Forms", "RouteDoc reads handwritten forms from QuillForms; we report COMET and chrF."))
    assert typed["QuillForms"] is EntityType.DATASET and typed["RouteDoc"] is EntityType.METHOD
    assert typed["COMET"] is typed["chrF"] is EntityType.METRIC, typed
    typed = labels_by_text(nlp, make_paper(
        "Tables", "We study 120 regression datasets from QuillML with RouteBoost."))
    assert typed["QuillML"] is EntityType.DATASET and typed["RouteBoost"] is EntityType.METHOD


def test_an_apposition_that_calls_a_name_data_makes_it_a_dataset(nlp):
    paper = make_paper("Reading Long Books", (
        "We introduce QuillHop, a benchmark of 3,000 questions, and RouteTalk, a new "
        "multilingual speech corpus. We release the synthetic corpus, VoxMix, with PathLM. "
        "On the QuillHop benchmark, RouteLM beats PathLM, a model for reading."))
    typed = labels_by_text(nlp, paper)
    assert typed["QuillHop"] is typed["RouteTalk"] is typed["VoxMix"] is EntityType.DATASET
    # after "On the X benchmark," the comma ends an adverbial; "a model" calls no data
    assert typed["RouteLM"] is typed["PathLM"] is EntityType.METHOD


def test_a_subjects_verb_is_no_part_of_a_term(nlp):
    paper = make_paper("T", "We show that RouteGT transfers to a real robot, and route "
                            "verification scales to long proofs. We apply route models to proofs.")
    texts = {m.text for m in found(nlp, paper)}
    assert not {"RouteGT transfers", "route verification scales"} & texts, texts
    assert "route models" in texts, texts  # an object, not a subject


def test_recommendation_folding_simulation_design_and_hallucination_head_tasks(nlp):
    paper = make_paper("Temporally Consistent Route Depth Estimation", (
        "RouteRec helps sequential recommendation, inverse protein folding, turbulent route "
        "simulation and route protein design, and predicts object hallucination."))
    typed = labels_by_text(nlp, paper)
    for task in ("sequential recommendation", "inverse protein folding", "turbulent route simulation",
                 "route protein design", "object hallucination", "Route Depth Estimation"):
        assert typed.get(task) is EntityType.TASK, typed


def test_a_gerund_opening_a_title_or_sentence_is_a_verb(nlp):
    texts = {m.text for m in found(nlp, make_paper(
        "RouteOcc: Scaling 3D Route Prediction", "It works. Scaling route diffusion models "
        "is hard."))}
    assert {"3D Route Prediction", "route diffusion models"} <= texts, texts
    assert not any(t.startswith("Scaling") for t in texts), texts


def test_what_a_title_does_its_task_with_is_a_method(nlp):
    typed = labels_by_text(nlp, make_paper(
        "Route Image Classification with Conformal Route Prediction",
        "We apply conformal route prediction to route image classification."))
    assert typed["Conformal Route Prediction"] is typed["conformal route prediction"] is (
        EntityType.METHOD), typed
    assert typed["route image classification"] is EntityType.TASK


def test_a_known_task_of_some_data_is_that_task(nlp):
    texts = {m.text for m in found(nlp, make_paper("T", (
        "Semantic segmentation of route images is hard, as is the estimation of route "
        "coefficients.")))}
    assert "Semantic segmentation" in texts and "estimation of route coefficients" in texts
    assert not any(t.startswith("segmentation of") for t in texts), texts


def test_the_gazetteer_knows_tasks_of_many_fields(nlp):
    """Task names the rules cannot find alone (no task head, or a head they do not trust)
    are found because the gazetteer lists them: science, medicine, earth observation,
    safety, code."""
    typed = labels_by_text(nlp, make_paper("T", (
        "Our model helps virtual screening, radiology report generation and land-cover "
        "mapping. It also resists jailbreaking and improves time series analysis for "
        "competitive programming agents. It speeds up KV cache compression, virtual try-on "
        "and grasp synthesis. We report gains in chest X-ray report generation.")))
    for name in ("virtual screening", "radiology report generation", "land-cover mapping",
                 "jailbreaking", "time series analysis", "competitive programming",
                 "KV cache compression", "virtual try-on", "grasp synthesis",
                 "chest X-ray report generation"):
        assert typed.get(name) is EntityType.TASK, (name, typed)


@pytest.mark.parametrize("name, kind", [
    ("GSPO", "method"), ("GaLore", "method"), ("MetaGPT", "method"), ("RAPTOR", "method"),
    ("Molmo", "method"), ("Titans", "method"), ("Voyager", "method"),
    ("Terminal-Bench", "dataset"), ("OmniParser", "method"), ("OpenCLIP", "method"),
    ("Vript", "dataset"), ("Neuralangelo", "method"), ("BEVFusion", "method"),
    ("WhisperX", "method"), ("PiSSA", "method"), ("LongLoRA", "method"), ("Wanda", "method"),
    ("AlphaProof", "method"), ("HyenaDNA", "method"), ("Galactica", "method"),
    ("UNETR", "method"), ("speaker similarity", "metric"), ("ProRL", "method"),
    ("Nano Banana", "method"), ("Aider", "method"), ("SWE-Lancer", "dataset"),
    ("pLDDT", "metric"), ("turn-taking", "task"), ("expert pruning", "method")])
def test_the_gazetteer_knows_recent_models_and_benchmarks(nlp, name, kind):
    """Names of 2024-2025 papers that the nineteenth gazetteer pass added: after "on",
    with no other cue, the rules alone read a name as data or as nothing."""
    typed = labels_by_text(nlp, make_paper("T", f"The results depend on {name} in practice."))
    assert typed.get(name) is EntityType(kind), typed


def test_known_two_word_methods_met_once_stay_and_known_corpora_are_data():
    """Two-word method terms met once are dropped at linking unless the gazetteer knows
    them; a known corpus is data even where nothing in the sentence says so."""
    paper = make_paper("Fast Readers", (
        "Our reader uses grouped-query attention and a world model, ranks passages with a "
        "cross-encoder and trains with RMSNorm on FineWeb-Edu and SlimPajama."))
    (record,) = extraction_records(run_extraction([paper]))
    typed = {e["name"]: e["type"] for e in record["entities"]}
    assert {typed.get(n) for n in ("grouped-query attention", "world model",
                                   "cross-encoder", "RMSNorm")} == {"method"}, typed
    assert typed.get("FineWeb-Edu") == typed.get("SlimPajama") == "dataset", typed


def test_a_term_ending_with_a_known_method_is_a_method(nlp):
    paper = make_paper("Route Recommendation with Discrete Flow Matching",
                       "We study route recommendation. Sparse flow matching helps too.")
    typed = labels_by_text(nlp, paper)
    assert typed["Discrete Flow Matching"] is typed["Sparse flow matching"] is (
        EntityType.METHOD), typed
    assert typed["route recommendation"] is EntityType.TASK
    typed = labels_by_text(nlp, make_paper(
        "Compressing Diffusion Transformers with Route Pruning", "It works."))
    assert typed["Compressing Diffusion Transformers"] is EntityType.TASK, typed


def test_attacks_probes_operators_pretraining_and_agents_head_methods(nlp):
    paper = make_paper("T", "We study route injection attacks on route agents, train a linear "
                            "probe after contrastive route pretraining and compare spectral "
                            "route operators.")
    typed = labels_by_text(nlp, paper)
    for term in ("route injection attacks", "route agents", "linear probe",
                 "contrastive route pretraining", "spectral route operators"):
        assert typed.get(term) is EntityType.METHOD, (term, typed)


def test_proving_and_inspection_head_tasks_iteration_and_search_methods(nlp):
    paper = make_paper("T", "RouteProver helps formal route proving and visual route "
                            "inspection with expert route iteration and Monte Carlo tree "
                            "search, and we re-rank beam search outputs.")
    typed = labels_by_text(nlp, paper)
    assert typed["formal route proving"] is typed["visual route inspection"] is EntityType.TASK
    assert typed["expert route iteration"] is typed["Monte Carlo tree search"] is (
        EntityType.METHOD), typed
    assert typed["beam search"] is EntityType.METHOD and not any("rank" in t for t in typed)


def test_a_name_before_archive_or_reanalysis_is_a_dataset(nlp):
    """Time-series collections are archives: "the Monash archive", "the UCR archive"."""
    typed = labels_by_text(nlp, make_paper("T", (
        "It ranks first on the Quillby archive and on the RouteSet benchmark.")))
    assert typed.get("Quillby") is EntityType.DATASET, typed
    assert typed.get("RouteSet") is EntityType.DATASET, typed
    typed = labels_by_text(nlp, make_paper("T", "It is trained on 25 years of the ZORYS reanalysis."))
    assert typed.get("ZORYS") is EntityType.DATASET, typed  # reanalyses are data (ERA5)


def test_read_off_page_ap(nlp):
    """Ordinals are no names; a hyphen and a participle make an adjective ("LLM-Written");
    names listed after "collections like" are data; "a <model> agent" is that model; a
    term a known dataset opens keeps its task ("MoleculeNet | property prediction");
    downscaling heads tasks and clipping methods."""
    paper = make_paper("QuillGen: LLM-Written Notes Improve Route Downscaling", (
        "It captures the 99th percentile on biomedical collections like QuillFact and "
        "RouteVid. We train a Zorba-3.1-8B agent on MoleculeNet property prediction tasks, "
        "and the server uses adaptive gradient clipping."))
    typed = labels_by_text(nlp, paper)
    assert "99th" not in typed and "LLM-Written" not in typed, typed
    assert typed.get("QuillFact") is typed.get("RouteVid") is EntityType.DATASET, typed
    assert typed.get("Zorba-3.1-8B") is EntityType.METHOD, typed
    assert typed.get("MoleculeNet") is EntityType.DATASET, typed
    assert typed.get("property prediction") is EntityType.TASK, typed
    assert typed.get("Route Downscaling") is EntityType.TASK, typed
    assert typed.get("adaptive gradient clipping") is EntityType.METHOD, typed


def test_a_name_after_on_before_a_clause_subject_is_data(nlp):
    """"... and on RouteSign it improves BLEU": where a result was measured ("based on
    QuillNet, we ..." names what was built on)."""
    typed = labels_by_text(nlp, make_paper("T", (
        "Our model reaches a BLEU-4 score of 24.8, above ZorbaSLT and close to gloss-based "
        "systems, and on RouteSign it improves BLEU by 3 points. Based on QuillNet we build "
        "a second model.")))
    assert typed.get("RouteSign") is EntityType.DATASET, typed
    assert typed.get("QuillNet") is EntityType.METHOD, typed


def test_read_off_page_ar(nlp):
    """Screening heads tasks; "X posts" are data; fMRI is a modality, no name; a whole
    version after a capitalised gazetteer model names another model ("VALL-E 2,"); a
    sentence opening "On A, B and a ... dataset ...," lists data; "learning" before a task
    term is a verb."""
    typed = labels_by_text(nlp, make_paper("T", (
        "Route screening maps fMRI responses from QuillForum posts. On QuillSet-10N, "
        "QuillSet-100N and a toxicity dataset with crowd labels, it beats VALL-E 2, "
        "ZorbaSpeech 3 and RouteVoice. But learning aerial navigation needs data.")))
    assert typed.get("Route screening") is EntityType.TASK, typed
    assert typed.get("QuillForum") is EntityType.DATASET, typed
    assert "fMRI" not in typed, typed
    assert typed.get("QuillSet-100N") is EntityType.DATASET, typed
    assert typed.get("VALL-E 2") is EntityType.METHOD, typed
    assert typed.get("aerial navigation") is EntityType.TASK, typed


def test_read_off_page_as(nlp):
    """A capitalised word before "database" is data; "transfers" before "between" or an
    adverb is a verb; "specialized" starts no term; a short acronym with a version is a
    model's name, split from the term after it; a title's means after another means and
    "and" is a method."""
    paper = make_paper("QuillGPT: Predicting Route Function with Quill Models and Route "
                       "Retrieval", (
        "It reads reactions from the Zorba database. It embeds them with the QRM-2 route "
        "language model. The "
        "same model transfers between cities, but route knowledge transfers least. It "
        "matches specialized route forecasting networks."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("Zorba") is EntityType.DATASET, typed
    assert typed.get("QRM-2") is EntityType.METHOD, typed
    assert typed.get("route language model") is EntityType.METHOD, typed
    assert typed.get("Route Retrieval") is EntityType.METHOD, typed
    assert not any(t.endswith("transfers") or t.startswith("specialized") for t in typed), typed


def test_read_off_page_at(nlp):
    """A name ending in "Eval" is a benchmark; an opening list's last item may be "a new set
    of ..."; RNA is no name."""
    typed = labels_by_text(nlp, make_paper("T", (
        "We test on RouteCoder-Eval. It analyses RNA sequencing. On QuillFact, ZorbaCheck and "
        "a new set of 2,000 recent claims, our model improves label accuracy.")))
    assert typed.get("RouteCoder-Eval") is EntityType.DATASET, typed
    assert typed.get("ZorbaCheck") is EntityType.DATASET, typed
    assert "RNA" not in typed, typed


def test_read_off_page_av(nlp):
    """"X articles" are data; simulate and takes are verbs, no term words; a title's means
    after "with A and" is a method though A is one word."""
    paper = make_paper("QuillProver: Route Proving with Retrieval and Iterative Route Repair", (
        "It summarizes QuillMed articles well. Augmentations simulate compression. "
        "Generation of a route video takes 40 minutes."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillMed") is EntityType.DATASET, typed
    assert typed.get("Iterative Route Repair") is EntityType.METHOD, typed
    assert not any(t.startswith("simulate") or t.endswith("takes") for t in typed), typed


def test_what_is_collected_or_counted_in_words_is_data(nlp):
    """"We assemble X", "we collect X", "we curate X" name data, and so does an apposition
    that counts in words ("X, one million instruction samples")."""
    typed = labels_by_text(nlp, make_paper("T", (
        "We collect ZorbaSet from the web. Our corpus is QuillText, two million pages. We "
        "curate RouteData for training.")))
    assert typed.get("ZorbaSet") is typed.get("RouteData") is EntityType.DATASET, typed
    assert typed.get("QuillText") is EntityType.DATASET, typed


def test_read_off_page_ax(nlp):
    """What a quantity is "measured by" is a metric; interleave and audit are verbs, no term
    words; PM2.5 is a pollutant, no name."""
    typed = labels_by_text(nlp, make_paper("T", (
        "It reduces the bias measured by QuillSkew by 60%. It learns to interleave route "
        "reasoning with code and helps developers audit reward models. It predicts PM2.5 "
        "levels.")))
    assert typed.get("QuillSkew") is EntityType.METRIC, typed
    assert "PM2.5" not in typed, typed
    assert not any(t.startswith(("interleave", "audit")) for t in typed), typed


def test_pooling_detectors_and_simulators_head_methods_and_pixel_counts_are_no_names(nlp):
    typed = labels_by_text(nlp, make_paper("Route Generation at 1024px", (
        "An open-vocabulary route detector uses masked average pooling on a 16-DoF hand.")))
    assert typed["open-vocabulary route detector"] is typed["masked average pooling"] is (
        EntityType.METHOD), typed
    assert not {"1024px", "16-DoF"} & set(typed), typed
    typed = labels_by_text(nlp, make_paper("T", "A graph route simulator runs in the Kitchen3D "
                                                "simulator."))
    assert typed["graph route simulator"] is EntityType.METHOD, typed
    assert typed["Kitchen3D"] is EntityType.DATASET, typed
    typed = labels_by_text(nlp, make_paper("T", "RouteFormer, an SE(3)-equivariant model, wins."))
    assert all(t.count("(") == t.count(")") for t in typed) and "SE(3" not in typed, typed


def test_what_a_model_is_trained_with_is_a_method(nlp):
    paper = make_paper("T", "RouteGT is pretrained with masked route modeling, fine-tuned via "
                            "masked patch prediction and evaluated on route prediction.")
    typed = labels_by_text(nlp, paper)
    assert typed["masked route modeling"] is typed["masked patch prediction"] is (
        EntityType.METHOD)
    assert typed["route prediction"] is EntityType.TASK
    typed = labels_by_text(nlp, make_paper(
        "Route Learning with Masked Route Modeling", "Masked route prediction helps too."))
    assert typed["Masked Route Modeling"] is typed["Masked route prediction"] is (
        EntityType.METHOD), typed


def test_a_capitalised_word_before_a_dataset_noun_or_listed_with_a_name_is_a_name(nlp):
    paper = make_paper("Manipulation Benchmarks Are Hard", (
        "On the Drawerworld and Push-Q benchmarks, RouteVLA wins. We also use the Kitchenette "
        "dataset and the English and Spanish corpora. Robots benchmark poorly."))
    typed = labels_by_text(nlp, paper)
    assert typed["Drawerworld"] is typed["Kitchenette"] is EntityType.DATASET, typed
    assert not {"English", "Spanish", "Robots", "Manipulation"} & set(typed), typed
    typed = labels_by_text(nlp, make_paper("T", (
        "It beats Medusa and EAGLE-3 on speed, unlike Zaidan and QuillNet (2011). We compare "
        "with RouteGen, Jukebox and a cascade on benign prompts from Alpaca.")))
    assert typed["Medusa"] is typed["Jukebox"] is EntityType.METHOD and "Zaidan" not in typed
    assert typed["Alpaca"] is EntityType.DATASET, typed


def test_a_dataset_name_before_lower_case_words_and_a_list_ending_in_the(nlp):
    paper = make_paper("T", "Scans come from BraQS, LiQC and the ACQC cardiac dataset, and "
                            "RouteSeg beats LISQ and PathSeg.")
    typed = labels_by_text(nlp, paper)
    assert typed["BraQS"] is typed["LiQC"] is typed["ACQC"] is EntityType.DATASET, typed
    assert "ACQC cardiac" not in typed
    assert typed["RouteSeg"] is typed["LISQ"] is typed["PathSeg"] is EntityType.METHOD


def test_a_title_name_takes_the_type_the_abstract_proposes_it_with(nlp):
    paper = make_paper("QuillCoT: Chain-of-Thought Reasoning for Route Models", (
        "We build QuillCoT, a dataset of 80k questions. Tuning RouteLM on QuillCoT helps."))
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("QuillCoT", EntityType.DATASET) in labels
    assert ("QuillCoT", EntityType.METHOD) not in labels, labels


def test_a_counted_apposition_and_a_bare_version(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "We collect QuillPref, 20k pairwise human judgments, from a 1-trillion-token pool. "
        "RouteLM is trained on QuVoST 2 and QuST-C, unlike RouteSpeech 3, and runs BERT 3 "
        "times.")))
    assert typed["QuillPref"] is typed["QuVoST 2"] is typed["QuST-C"] is EntityType.DATASET
    assert typed["RouteSpeech 3"] is typed["BERT"] is EntityType.METHOD, typed
    assert "1-trillion-token" not in typed and "BERT 3" not in typed, typed


def test_a_name_a_context_calls_a_dataset_is_one_at_every_mention(nlp):
    paper = make_paper("Molecules", (
        "We fine-tune RouteGT on the QuillNet benchmark. RouteGT wins on 9 of 12 QuillNet "
        "tasks against PathGT."))
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("QuillNet", EntityType.DATASET) in labels
    assert ("QuillNet", EntityType.METHOD) not in labels
    assert ("PathGT", EntityType.METHOD) in labels and ("RouteGT", EntityType.METHOD) in labels


def test_a_gazetteer_word_ending_a_lower_case_hyphen_compound_is_no_mention(nlp):
    paper = make_paper("Aligners", "We build a high-accuracy word aligner and report accuracy.")
    accuracy = [m for m in found(nlp, paper) if m.text == "accuracy"]
    assert [paper.text[m.start - 5:m.start] for m in accuracy] == ["port "]  # not "high-"


def test_a_one_word_capitalised_gazetteer_name_matches_with_its_capital(nlp):
    paper = make_paper("T", "It places a denoiser before Whisper and tests on Places; "
                            "people whisper.")
    hits = [(m.text, m.label) for m in found(nlp, paper)]
    assert ("Whisper", EntityType.METHOD) in hits and ("Places", EntityType.DATASET) in hits
    assert not {"places", "whisper"} & {t for t, _ in hits}, hits


def test_a_gazetteer_name_with_common_words_matches_in_title_case(nlp):
    """"CLIP score" (exact: it holds an acronym) also matches "CLIP Score", as titles and
    some authors write it, and then is no CLIP method."""
    paper = make_paper("Scoring Sketches", "We report the CLIP Score and the CLIP scores of "
                                           "sketches, but not the clip score.")
    hits = [(m.text, m.label) for m in found(nlp, paper)]
    assert hits.count(("CLIP Score", EntityType.METRIC)) == 1
    assert ("CLIP scores", EntityType.METRIC) in hits and ("CLIP", EntityType.METHOD) not in hits
    assert not [t for t, _ in hits if t == "clip score"]


def test_a_ratio_is_a_metric(nlp):
    paper = make_paper("T", "We weight each step by its echo-to-clutter ratio (ECR) and report "
                            "the compression ratio.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("ECR") is EntityType.METRIC and labels.get("compression ratio") is EntityType.METRIC


@pytest.mark.parametrize("text", [
    "QuillDepth lowers MAE by 12% on the quill scans. The MAE of the old model is 0.4.",
    "QuillDepth reaches an MAE of 0.31 m. The MAE of the old model is 0.4.",
    "We report RMSE and MAE for QuillDepth. The MAE of the old model is 0.4.",
])
def test_a_reported_mae_is_the_mean_absolute_error_everywhere_in_the_paper(text):
    (record,) = extraction_records(run_extraction([make_paper("QuillDepth", text)]))
    ids = {e["id"] for e in record["entities"]}
    assert "metric/mean-absolute-error" in ids and "method/masked-autoencoder" not in ids, ids


def test_mae_without_a_reported_value_stays_the_masked_autoencoder(nlp):
    labels = labels_by_text(nlp, make_paper("T", "We pretrain ViT-B with MAE and BEiT; MAE "
                                                 "transfers best to the quill scans."))
    assert labels.get("MAE") is EntityType.METHOD, labels


def test_a_long_form_after_for_is_what_the_proposal_is_for(nlp):
    """"We propose a method for X (Y)" proposes the method and "proposes to improve X (Y)"
    nothing; X, a task, stays a task (it had become a proposed method), while "We propose X
    (Y), a method for ..." proposes X."""
    paper = make_paper("T", "We propose a quill network for single image super-resolution (SR). "
                            "SR is hard. We also propose Quill Route Sampling (QRS), a method "
                            "for MRI. This paper proposes to improve visual question answering "
                            "(VQA) with quills.")
    typed = {m.text: (m.label, m.proposed) for m in found(nlp, paper)}
    assert typed["SR"] == typed["VQA"] == (EntityType.TASK, False), typed
    assert typed["QRS"] == (EntityType.METHOD, True), typed


@pytest.mark.parametrize("value", ["0.9dB", "30FPS", "12GFLOPs", "2.4meV", "5GHz", "3nm", "6DOF"])
def test_a_number_with_its_unit_is_no_name(nlp, value):
    paper = make_paper("T", f"QuillSR improves PSNR by {value} over the quill baseline.")
    assert value not in labels_by_text(nlp, paper)


def assert_names(nlp, text, names, no_names):
    """Assert that kg finds ``names`` in ``text`` and none of ``no_names``."""
    labels = labels_by_text(nlp, make_paper("T", text))
    assert set(names) <= set(labels) and not set(no_names) & set(labels), labels


def test_licences_are_no_names(nlp):
    assert_names(nlp, "QuillSet is released under a CC BY-NC 4.0 license and QuillNet under "
                      "the MIT License, its tools under the Apache 2.0 license. We test it on "
                      "MIT-BIH.", names=("QuillSet", "QuillNet", "MIT-BIH"),
                 no_names=("MIT", "CC", "BY-NC 4.0", "Apache"))


def test_hardware_words_name_nothing(nlp):
    assert_names(nlp, "QuillServe prefetches experts over PCIe and NVLink from DRAM and HBM, "
                      "and spills to NVMe.", names=("QuillServe",),
                 no_names=("PCIe", "NVLink", "DRAM", "HBM", "NVMe"))


def test_pos_names_nothing_alone_and_pos_tagging_is_a_task(nlp):
    assert_names(nlp, "QuillTag predicts POS tags and helps POS tagging on GLEU.",
                 names=("QuillTag", "POS tagging", "GLEU"), no_names=("POS",))


def test_a_treebank_is_data_and_universities_labs_and_agencies_name_nothing(nlp):
    labels = labels_by_text(nlp, make_paper("T", (
        "QuillParse reads the Quill Dependency Treebank with help from New York University, "
        "Intel Labs and DARPA.")))
    assert labels.get("Quill Dependency Treebank") is EntityType.DATASET, labels
    assert not {"New York University", "University", "Intel Labs", "DARPA"} & set(labels), labels


def test_a_task_the_paper_poses_stays_a_task(nlp):
    """Papers propose methods far more than tasks, so what they propose under a task-like
    name is a method; not where the sentence says it poses a task."""
    paper = make_paper("T", "We introduce a new task, Quill Route Forecasting (QRF), and a "
                            "baseline for it. We also propose Quill Route Sampling (QRS).")
    typed = {m.text: (m.label, m.proposed) for m in found(nlp, paper)}
    assert typed["QRF"] == (EntityType.TASK, True), typed
    assert typed["Quill Route Sampling"] == (EntityType.METHOD, True), typed


def test_a_venue_names_nothing_and_a_companys_possessive_is_no_part_of_a_name(nlp):
    assert_names(nlp, "QuillNet was accepted at CVPR 2025 and at ICLR. It beats EMNLP2017 "
                      "systems, Quill-TARS and OpenAI's Quillop. It beats NVIDIA's "
                      "Quillos, OpenAI's Sora and Meta's Llama 3 on the NeurIPS 2022 Quill "
                      "Segmentation Challenge data.", names=("Quillos", "Sora", "Llama 3", "Quillop"),
                 no_names=("CVPR 2025", "CVPR", "ICLR", "EMNLP2017", "NVIDIA", "OpenAI",
                           "NVIDIA's Quillos", "Meta's Llama 3"))


def test_a_named_models_inversion_is_a_method(nlp):
    """"ZYX inversion", "Null-prompt inversion" are techniques (the gazetteer's convention);
    "latent inversion" and a title's "Exact Latent Inversion" stay tasks."""
    paper = make_paper("Exact Latent Inversion for Sketches",
                       "The issue of ZYX inversion and of Null-prompt inversion is known. It "
                       "limits latent inversion.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("ZYX inversion") is EntityType.METHOD, labels
    assert labels.get("Null-prompt inversion") is EntityType.METHOD, labels
    assert labels.get("latent inversion") is EntityType.TASK
    assert labels.get("Latent Inversion") is EntityType.TASK


def test_names_listed_after_a_task_are_methods(nlp):
    paper = make_paper("Editing", "Several works address image editing, such as ZapEdit [12] "
                                  "and MorphKit, and three tasks (VidGen, text-to-video).")
    types = labels_by_text(nlp, paper)
    assert types["ZapEdit"] is EntityType.METHOD and types["MorphKit"] is EntityType.METHOD
    assert types["VidGen"] is EntityType.TASK  # after the kind word "tasks": tasks


def test_a_name_that_images_are_generated_on_is_a_dataset(nlp):
    paper = make_paper("Sampling", "Our sampler generates sharper images on ZyloSet-7, and "
                                   "we fine-tune QuorvaNet for it.")
    types = labels_by_text(nlp, paper)
    assert types["ZyloSet-7"] is EntityType.DATASET
    assert types["QuorvaNet"] is EntityType.METHOD


def test_a_lower_case_term_is_not_cut_to_a_capitalised_run_of_another_name(nlp):
    """"Quantum Lattice" starts a longer capitalised name; "the quantum lattice model" is a
    common-noun term and keeps its head. The run's own capitals still cut: "Quantum
    Lattice model" is "Quantum Lattice"."""
    paper = make_paper("Layouts", "We present QuillNet (Quantum Lattice based Layout Network). "
                                  "It is the first use of the quantum lattice model in layout "
                                  "design, and the Quantum Lattice model helps it.")
    texts = [m.text for m in found(nlp, paper)]
    assert "quantum lattice model" in texts
    assert "Quantum Lattice" in texts and "Quantum Lattice model" not in texts


def test_a_list_of_names_ends_where_its_names_stop(nlp):
    paper = make_paper("Birds", "We test on benchmarks such as ZooSet and BirdSet, although "
                                "earlier work trained ZapNet on them.")
    types = labels_by_text(nlp, paper)
    assert types["ZooSet"] is EntityType.DATASET and types["BirdSet"] is EntityType.DATASET
    assert types["ZapNet"] is EntityType.METHOD  # four words after the list: not an item


def test_proposed_from_title_and_cue(nlp):
    fognet = [m for m in found(nlp) if m.text == "FogNet"]
    assert fognet and fognet[0].proposed and fognet[0].label is EntityType.METHOD
    assert not any(m.proposed for m in found(nlp) if m.text == "Cityscapes")


@pytest.mark.parametrize("title, name", [
    ("Faster Routing: Sparse Experts at Scale", "Faster Routing"),
    ("Improved Quiet Routing: Fewer Steps", "Improved Quiet Routing"),
    ("Rethinking Quiet Routing: A Study", None),
    ("Towards Quiet Routing: A Study", None),
])
def test_a_title_prefix_may_start_with_an_evaluative_word(nlp, title, name):
    paper = make_paper(title, "We study routing.")
    proposed = {m.text for m in found(nlp, paper) if m.proposed and m.source == "title"}
    assert proposed == ({name} if name else set())


def test_abbreviation_mentions_carry_their_long_form(nlp):
    lora = [m for m in found(nlp) if m.text == "LoRA"]
    assert lora and lora[0].long_form == "low-rank adaptation" and lora[0].source == "abbreviation"


def test_generic_words_are_not_entities(nlp):
    paper = make_paper("A Method", "Our method and the proposed framework beat the baseline model.")
    assert found(nlp, paper) == []


def test_a_known_name_before_a_vague_head_is_the_name(nlp):
    paper = make_paper("T", "We fine-tune the Stable Diffusion model and a sparse routing model.")
    texts = {m.text for m in found(nlp, paper)}
    assert "Stable Diffusion" in texts and "Stable Diffusion model" not in texts
    assert "sparse routing model" in texts  # unknown names keep their head


def test_a_plural_before_the_head_ends_a_clause(nlp):
    paper = make_paper("T", "Fog conditions Stable Diffusion poorly, and blurred images lose "
                            "segmentation accuracy. Sports analytics systems help.")
    texts = {m.text for m in found(nlp, paper)}
    assert "Stable Diffusion" in texts and not any("conditions" in t for t in texts)
    assert "segmentation accuracy" in texts and not any("images" in t for t in texts)


def test_a_plural_head_ends_the_phrase(nlp):
    """English modifiers are singular: in "the RouteNet-XL models sampling" the phrase ends
    at "models", and a name before a vague plural head is the name."""
    paper = make_paper("T", "This speeds up the RouteNet-XL models sampling by half. "
                            "We use FogRA adapters in the encoder.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"RouteNet-XL", "FogRA"} <= texts
    assert not any("sampling" in t or "adapters" in t for t in texts), texts


def test_methods_named_after_people(nlp):
    paper = make_paper("T", "Fluxes follow Wagner's method or the van der Berg's approach, "
                            "while our method differs.")
    texts = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("Wagner's method", EntityType.METHOD) in texts
    assert ("van der Berg's approach", EntityType.METHOD) in texts
    assert not any(t == "our method" for t, _ in texts)


def test_a_title_name_before_a_vague_head_is_the_name(nlp):
    paper = make_paper("Quiet Routing Diffusion", "We study the quiet routing diffusion model on "
                       "speech, and a sparse routing model too.")
    texts = {m.text for m in found(nlp, paper)}
    assert "quiet routing diffusion" in texts and "quiet routing diffusion model" not in texts
    assert "sparse routing model" in texts  # not a name the doc knows: keeps its head


def test_unnamed_benchmarks_of_a_task_name_the_task(nlp):
    paper = make_paper("T", "It leads on five zero-shot speech parsing benchmarks and the "
                            "FogSet-2 benchmark.")
    found_ = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("zero-shot speech parsing", EntityType.TASK) in found_
    assert ("FogSet-2", EntityType.DATASET) in found_


def test_a_title_describing_its_name_defines_it(nlp):
    """"Name: A description for ..." in a title works like "description (Name)"."""
    paper = make_paper("Fog-QRN: A quiet routing network for hazy scenes",
                       "We present Fog-QRN. Fog-QRN is small.")
    uses = [m for m in found(nlp, paper) if m.text == "Fog-QRN"]
    assert len(uses) == 3 and {m.long_form for m in uses} == {"quiet routing network"}
    assert all(m.label is EntityType.METHOD for m in uses) and uses[0].proposed


def test_a_title_description_must_spell_the_name(nlp):
    for title in ("SomeNet: A Diffusion Model for Hazy Scenes",  # would make it a generic
                  "FogBench: Benchmarking Routing Networks in Fog"):  # a gerund: no name
        paper = make_paper(title, "We present it.")
        assert not any(m.long_form for m in found(nlp, paper)), title


def test_a_description_the_paper_writes_in_the_plural_is_a_kind_not_a_long_form(nlp):
    """"RouteGT, a quill graph transformer" in a paper about quill graph transformers
    says what kind of model RouteGT is; in a paper without the plural it spells the name
    out; a known name ("a graph transformer", a gazetteer entry) is always a kind."""
    kind = make_paper("Quill Graph Transformers at Scale",
                      "We present RouteGT, a quill graph transformer with sparse attention.")
    named = make_paper("Routing at Scale",
                       "We present RouteGT, a quill graph transformer with sparse attention.")
    known = make_paper("Routing at Scale",
                       "We present RouteGT, a graph transformer with sparse attention.")
    assert not any(m.long_form for m in found(nlp, kind) if m.text == "RouteGT")
    assert {m.long_form for m in found(nlp, named) if m.text == "RouteGT"} == {
        "quill graph transformer"}
    assert not any(m.long_form for m in found(nlp, known) if m.text == "RouteGT")
    paper = make_paper("Fog-QRN: A quiet routing network for hazy scenes",
                       "Quiet routing networks are rare. We present Fog-QRN.")
    assert not any(m.long_form for m in found(nlp, paper))


def test_adjectives_from_names_and_benchmark_names(nlp):
    paper = make_paper("T", "An RL-based tuner is scored on FogBench and on TinyBench-2.")
    by_text = labels_by_text(nlp, paper)
    assert "RL-based" not in by_text
    assert by_text.get("FogBench") is EntityType.DATASET
    assert by_text.get("TinyBench-2") is EntityType.DATASET


def test_what_a_paper_proposes_under_a_task_name_is_a_method(nlp):
    paper = make_paper("T", "We propose quiet routing segmentation (QRS), a method for maps. "
                            "QRS beats loud routing segmentation, and quiet routing "
                            "segmentation is fast.")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("quiet routing segmentation", EntityType.METHOD) in labels
    assert ("QRS", EntityType.METHOD) in labels
    assert ("loud routing segmentation", EntityType.TASK) in labels  # not proposed
    assert not any(label is EntityType.TASK and "quiet" in text for text, label in labels)


def test_a_method_head_that_names_a_problem_is_a_task_where_the_context_says_so(nlp):
    """"sampling", "optimization" head methods and problems alike: "the problem of X",
    "approaches to X" and "an X problem" make X a task, in the whole doc (the title too)."""
    paper = make_paper("Quiet Anchoring for Hazy Route Sampling",
                       "We study the problem of hazy route sampling. Existing approaches to "
                       "graph posterior sampling are slow, and a sparse routing optimization "
                       "problem remains. We train with stochastic route sampling.")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    for text in ("Hazy Route Sampling", "hazy route sampling", "graph posterior sampling",
                 "sparse routing optimization"):
        assert (text, EntityType.TASK) in labels, (text, labels)
    assert ("stochastic route sampling", EntityType.METHOD) in labels  # no problem context


def test_unknown_names_typed_by_context(nlp):
    """Names no gazetteer knows: datasets by their form ("-64x64", a year) and context
    ("results on", "1.2 on", "X and Y datasets"); a method otherwise."""
    paper = make_paper("T", "Results on FogPics show gains. It scores 1.20 on HazeSet-64x64 "
                            "and on FogSet2019. We test it on the QuietA and QuietB datasets, "
                            "and build on RouteNet.")
    labels = labels_by_text(nlp, paper)
    for name in ("FogPics", "HazeSet-64x64", "FogSet2019", "QuietA", "QuietB"):
        assert labels.get(name) is EntityType.DATASET, (name, labels)
    assert labels.get("RouteNet") is EntityType.METHOD


def test_a_participle_before_a_capitalised_name_is_a_verb(nlp):
    paper = make_paper("T", "We study scaling Quiet Routing Networks for maps.")
    assert {m.text for m in found(nlp, paper)} >= {"Quiet Routing Networks"}


def test_a_generation_task_needs_what_it_produces(nlp):
    paper = make_paper("T", "Fast sample generation and diffusion-based generative modeling "
                            "serve for hazy map generation and for single-step route synthesis. "
                            "It needs no test-time acceleration, unlike mesh rendering acceleration.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"hazy map generation", "single-step route synthesis", "mesh rendering acceleration"} <= texts
    assert not {"sample generation", "diffusion-based generative modeling",
                "test-time acceleration"} & texts


def test_roles_and_evaluative_words_are_not_method_names(nlp):
    paper = make_paper("T", "A student generator copies the video teacher model and the base "
                            "model, and a dedicated route transformer does the rest.")
    texts = {m.text for m in found(nlp, paper)}
    assert "route transformer" in texts
    assert not any(w in t for t in texts for w in ("student", "teacher", "dedicated", "base")), texts
    paper = make_paper("T", "A single route prior drives faithful hazy route editing with a "
                            "stable one-step route denoising.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"route prior", "hazy route editing", "one-step route denoising"} <= texts, texts


def test_capitalised_names_inside_sentences(nlp):
    paper = make_paper("Quiet Maps Everywhere", "We beat Route Sliders and Faster Routing "
                       "Segmentation. Hazy Maps are hard.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("Route Sliders") is EntityType.METHOD
    assert labels.get("Faster Routing Segmentation") is EntityType.TASK  # typed by its head
    assert "Hazy Maps" not in labels  # a sentence start is capitalised anyway
    assert "Quiet Maps Everywhere" not in labels  # and so is a title


def test_a_capitalised_name_before_a_vague_head_is_the_name(nlp):
    paper = make_paper("T", "We tune the Hazy Route model on maps.")
    texts = {m.text for m in found(nlp, paper)}
    assert "Hazy Route" in texts and "Hazy Route model" not in texts
    # even when its first word stops the term rule ("Faithful" is evaluative)
    paper = make_paper("T", "We tune the popular Faithful Route model on maps.")
    texts = {m.text for m in found(nlp, paper)}
    assert "Faithful Route" in texts and "Route model" not in texts, texts


def test_a_name_before_sampling_is_the_name(nlp):
    paper = make_paper("T", "We speed up the FogDM sampling procedure.")
    assert "FogDM" in {m.text for m in found(nlp, paper)}


def test_an_apposition_spelling_the_name_defines_it(nlp):
    paper = make_paper("T", "We build FQ-Bench, a Fog Quality Benchmark for maps. FQ-Bench is "
                            "big. DDIM, a popular sampler, is used.")
    ms = found(nlp, paper)
    assert {m.long_form for m in ms if m.text == "FQ-Bench"} == {"Fog Quality Benchmark"}
    assert all(m.label is EntityType.DATASET for m in ms if "F" in m.text[:2])
    assert not any(m.long_form for m in ms if m.text == "DDIM")  # "popular sampler": no


def test_table_and_figure_captions_name_nothing(nlp):
    from kg.types import Paper
    for text in ("Table 1: BLEU scores of RouteNet on FogSet.", "Figure 3: Samples of QuietNet.",
                 "Abstract: We study maps."):
        (_, ms), = extract([Paper(id="x", title=text)], nlp=nlp)
        assert not any(m.source == "title" for m in ms), (text, ms)


def test_prior_is_a_head_not_a_break(nlp):
    paper = make_paper("T", "Unlike prior work, we use a hazy route prior for prior noise "
                            "injection.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"hazy route prior", "prior noise injection"} <= texts
    assert not any("work" in t for t in texts)


def test_sentences_split_at_the_title(nlp):
    doc = nlp(PAPER.text)
    assert [s.start_char for s in doc.sents][:2] == [0, PAPER.abstract_offset]


def test_extraction_contract():
    (record,) = extraction_records(run_extraction([PAPER]))
    assert set(record) == {"id", "title", "entities", "mentions"}
    assert record["title"] == PAPER.title
    for e in record["entities"]:
        assert e["type"] in {"method", "dataset", "task", "metric"}
        assert isinstance(e["aliases"], list) and isinstance(e["proposed"], bool)
    for m in record["mentions"]:
        field = PAPER.title if m["field"] == "title" else PAPER.abstract
        assert field[m["start"]:m["end"]] == m["text"]
    assert any(e["name"] == "FogNet" and e["proposed"] for e in record["entities"])


def test_mentions_from_doc_matches_extract(nlp):
    doc = nlp(PAPER.text)
    assert mentions_from_doc(doc, PAPER) == found(nlp)


def test_accurate_pipeline_without_a_model_is_a_clear_error(tmp_path):
    import pytest

    from kg.errors import KGError
    from kg.extract.nlp import build_accurate

    with pytest.raises(KGError, match="no trained NER model here; train one with `kg train`"):
        build_accurate(model=tmp_path)


def test_accurate_pipeline_adds_ner_spans(tmp_path):
    """A (tiny, freshly trained) NER model's spans join the candidates as source 'ner'."""
    import spacy
    from spacy.training import Example

    from kg.extract.nlp import build_accurate

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("METHOD")
    text = "We train Zorblax here ."
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": [(9, 16, "METHOD")]})]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(tmp_path / "ner")
    acc = build_accurate(model=tmp_path / "ner")
    assert "ner" in acc.pipe_names
    doc = acc("Title\n\n" + text)
    found = [(f.source, doc[f.start:f.end].text) for f in doc._.kg_found]
    assert ("ner", "Zorblax") in found  # only the NER model can find this made-up name


TRICKY = ("Is it new?! We think so... (Really.) It works \u201cwell.\u201d  Twice  spaced. "
          "Ends without a stop\n\nNew field: e.g. DDIM vs. DPM-Solver++ in 2.5 s. Last one")


def test_kg_sentencizer_splits_like_spacys():
    """kg's Sentencizer only rewrites spaCy's ``predict`` for speed: splits must not move."""
    import spacy
    ours, theirs = spacy.blank("en"), spacy.blank("en")
    ours.add_pipe("kg_sentencizer")
    theirs.add_pipe("sentencizer")
    for text in (TRICKY, "", "One.", "!!!", "a. b. c.", PAPER.text):
        assert [s.text for s in ours(text).sents] == [s.text for s in theirs(text).sents], text
    # a batch is decided at once: no doc's sentence may start because of the doc before it
    texts = ["Ends with a stop.", "(bracket) first", "", "!!!", "one. two", "no stop", "? Yes"]
    got = [[s.text for s in d.sents] for d in ours.pipe(texts * 3, batch_size=5)]
    assert got == [[s.text for s in theirs(t).sents] for t in texts * 3]


@pytest.mark.parametrize("text, line, message", [
    ("metric | AP | average precision ; AP50\nmetric | AP50 |\n", 2,
     "'AP50' also names the entry metric/ap"),
    # case-insensitive forms collide in any case, and through their plurals
    ("task | moment retrieval |\ntask | video grounding | Moment Retrieval\n", 2,
     "'Moment Retrieval' also names the entry task/moment-retrieval"),
    ("method | speaker embedding |\nmethod | speaker embeddings |\n", 2,
     "'speaker embeddings' also names the entry method/speaker-embedding"),
    ("method | DDIM |\nmethod | DDIM |\n", 2, "duplicate entry method/ddim"),
])
def test_a_form_two_gazetteer_entries_claim_is_an_error(text, line, message):
    """The matcher would give every hit of such a form to the first entry, silently."""
    from kg.errors import InputError
    from kg.extract.gazetteer import parse_gazetteer
    with pytest.raises(InputError, match=f"g.txt:{line}: {message}"):
        parse_gazetteer(text, path="g.txt")


def test_the_shipped_gazetteer_parses():
    """No form of the shipped gazetteer names two entries (parse_gazetteer checks it)."""
    from kg.extract.gazetteer import load_gazetteer
    assert len(load_gazetteer()) > 3000


def test_gazetteer_component_finds_what_span_rulers_find():
    """``kg_gazetteer`` replaced two ``span_ruler``s for speed: same spans, labels, ids, order."""
    import spacy
    from kg.extract.components import GAZETTEER_KEY
    from kg.extract.gazetteer import load_gazetteer, patterns
    entries = load_gazetteer()
    ours = spacy.blank("en")
    ours.add_pipe("kg_gazetteer").add_entries(entries, ours.make_doc)
    theirs = spacy.blank("en")
    for name, attr, pats in zip(("names", "terms"), ("ORTH", "LOWER"), patterns(entries)):
        theirs.add_pipe("span_ruler", name=name, config={
            "spans_key": GAZETTEER_KEY, "phrase_matcher_attr": attr, "overwrite": False},
        ).add_patterns(pats)
    text = (PAPER.text + " We compare DDPM, ddim and Stable Diffusion models with GANs on "
            "ImageNet and cifar-10, measuring FID and Inception Score.")
    docs = [ours(text), theirs(text)]
    spans = [[(s.start, s.end, s.label_, s.id_) for s in doc.spans[GAZETTEER_KEY]]
             for doc in docs]
    assert len(spans[0]) > 8
    assert spans[0] == spans[1]


def test_rule_token_facts_agree_with_spacy(nlp):
    """The rules read a doc through ``tokens.read_tokens`` (arrays, not Token objects); its span
    texts and character offsets must be spaCy's."""
    doc = nlp(TRICKY)
    toks = tokens.read_tokens(doc)
    assert toks.lower == [t.lower_ for t in doc]
    assert toks.sent_start == [bool(t.is_sent_start) for t in doc]
    for a in range(len(doc)):
        for b in range(a + 1, min(len(doc), a + 6) + 1):
            assert tokens.span_text(toks, a, b) == doc[a:b].text
            assert (toks.idx[a], tokens.end_char(toks, b)) == (doc[a:b].start_char,
                                                                doc[a:b].end_char)
    units = tokens.units(toks)
    assert units.text[0] == "Is"
    assert "DPM-Solver++" in units.text and "2.5" in units.text
    assert all(doc[a:b].text == t for (a, b), t in zip(units.spans, units.text))


def test_batched_components_give_what_one_doc_at_a_time_gives(nlp):
    """kg's components process nlp.pipe batches component by component (faster); the
    result must be the one of calling the pipeline doc by doc."""
    papers = [make_paper(f"Paper {i}: A Routing Network", f"We propose RouteNet-{i} (RN{i}) "
                         f"for hazy map segmentation. RN{i} beats DDIM on CIFAR-10.")
              for i in range(150)]
    batched = [m for _, ms in extract(papers, nlp=nlp, batch_size=64) for m in ms]
    single = [m for p in papers for m in mentions_from_doc(nlp(p.text), p)]
    assert batched == single and len(batched) > 300


def test_a_common_nouns_possessive_ends_the_term_a_names_does_not(nlp):
    paper = make_paper("T", "The student keeps the teacher's route accuracy; Wagner's method helps.")
    texts = {m.text for m in found(nlp, paper)}
    assert "route accuracy" in texts and "Wagner's method" in texts
    assert not any("teacher's" in t for t in texts), texts


def test_a_cue_word_opening_a_sentence_proposes_nothing(nlp):
    """"Named entity recognition (NER) ..." names a task; "named" is no propose cue there."""
    paper = make_paper("Named Route Recognition for Maps",
                       "Named route recognition (NRR) is hard. We call it a task.")
    ms = found(nlp, paper)
    assert ms and not any(m.proposed for m in ms)
    assert {m.label for m in ms if m.text == "NRR"} == {EntityType.TASK}


def test_a_name_before_score_is_a_metric(nlp):
    paper = make_paper("T", "QuietNet reaches better RDX scores than RouteNet.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("RDX") is EntityType.METRIC and labels.get("RouteNet") is EntityType.METHOD
    # "scores" before a number is the verb of its subject, no metric head
    ms = found(nlp, make_paper("T", "We present QuillDoc, a reader. QuillDoc scores 84.6 RDX."))
    assert [(m.text, m.label) for m in ms if m.text == "QuillDoc"] == [
        ("QuillDoc", EntityType.METHOD)] * 2, ms


def test_a_word_a_proposal_names_is_a_name_at_every_mention(nlp):
    paper = make_paper("Quillia: Structured Route Generation", (
        "We propose Quillia, a decoder-only transformer over route tokens, and we present "
        "Section 3, which explains it. Trained on RouteSet, Quillia writes routes; the "
        "quillia flower does not."))
    ms = [(m.text, m.label, m.proposed) for m in found(nlp, paper)]
    quillia = [m for m in ms if m[0] == "Quillia"]
    assert len(quillia) == 3 and {m[1] for m in quillia} == {EntityType.METHOD}, ms
    assert [m[2] for m in quillia] == [True, True, False]
    assert not [m for m in ms if m[0] in ("Section", "quillia")], ms
    # a known name inside the proposed one gives way to it there, not elsewhere
    ms = [(m.text, m.start) for m in found(nlp, make_paper(
        "Audio Whisper 3: Long Audio Understanding",
        "Audio Whisper 3 pairs Whisper with a router."))]
    assert [t for t, _ in ms].count("Audio Whisper 3") == 2, ms
    assert [t for t, _ in ms].count("Whisper") == 1, ms


def test_names_ending_in_plus_or_in_ly_after_a_hyphen(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "RouteSep beats QuEx+ and QuLab-Daily, while a+b terms stay math.")))
    assert typed.get("QuEx+") is typed.get("QuLab-Daily") is EntityType.METHOD, typed
    assert not [t for t in typed if "+" in t and t != "QuEx+"], typed


def test_an_only_compound_modifies_a_head_an_adverb_after_a_hyphen_ends_a_term(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "We use a decoder-only transformer. We study generative models-particularly diffusion "
        "models-and their samples.")))
    assert typed.get("decoder-only transformer") is EntityType.METHOD, typed
    assert not [t for t in typed if "particularly" in t], typed


def test_models_of_a_known_task_are_a_method_and_forcing_heads_methods(nlp):
    paper = make_paper("Quill Forcing for Instruction-Based Image Editing", (
        "Text-to-video models drift. Instruction-based image editing models over-edit, so we "
        "train route editors with diffusion forcing."))
    ms = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("Text-to-video models", EntityType.METHOD) in ms, ms
    assert ("Instruction-based image editing models", EntityType.METHOD) in ms, ms
    assert ("Instruction-Based Image Editing", EntityType.TASK) in ms, ms
    assert ("diffusion forcing", EntityType.METHOD) in ms, ms
    assert not {t for t, label in ms if t.lower() == "text-to-video"}, ms
    # a title's term that ends with a known method is a method, and a name: its model is it
    ms = {(m.text, m.label) for m in found(nlp, make_paper(
        "Discrete Flow Matching for Route Design", "A discrete flow matching model writes "
                                                   "routes."))}
    assert ("discrete flow matching", EntityType.METHOD) in ms, ms


def test_a_name_after_and_on_parallel_to_a_dataset_is_a_dataset(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "RoutePilot raises the success rate on WebArena from 12% to 37% and on Route2Web "
        "from 20% to 41%. It runs on QuillCore and on RouteNet.")))
    assert typed["WebArena"] is typed["Route2Web"] is EntityType.DATASET, typed
    assert typed["RouteNet"] is EntityType.METHOD, typed


def test_a_group_equivariant_modifier_is_one_word_and_no_name_alone(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "We present QuillDock, an E(3)-equivariant diffusion model. It is SE(3)-equivariant "
        "and fast, and f(x)-scaled terms stay apart.")))
    assert typed.get("E(3)-equivariant diffusion model") is EntityType.METHOD, typed
    assert not [t for t in typed if t.endswith("-equivariant")], typed


def test_denoising_after_models_for_is_a_task_and_grasping_heads_tasks(nlp):
    ms = {(m.text, m.label) for m in found(nlp, make_paper(
        "Diffusion Models for Low-Dose Route Denoising", (
            "Dexterous grasping of quill objects is hard, and so is quadruped locomotion. "
            "We train with denoising score matching.")))}
    assert ("Low-Dose Route Denoising", EntityType.TASK) in ms, ms
    assert ("Dexterous grasping", EntityType.TASK) in ms, ms
    assert ("quadruped locomotion", EntityType.TASK) in ms, ms


def test_decoding_and_optimizers_head_methods_and_a_test_set_names_data(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "Visual contrastive decoding helps, and the Quill optimizer trains it. It scores well "
        "on the RouteSpeech test set, and QuillHealthBench scores rise. Open-weight route "
        "agents trail.")))
    assert typed.get("Visual contrastive decoding") is EntityType.METHOD, typed
    assert typed.get("Quill optimizer") is EntityType.METHOD, typed
    assert typed.get("RouteSpeech") is EntityType.DATASET, typed
    assert typed.get("QuillHealthBench") is EntityType.DATASET, typed
    assert "route agents" in typed and not [t for t in typed if "Open-weight" in t], typed


def test_an_opening_gerund_the_acronym_spells_is_part_of_the_name(nlp):
    paper = make_paper("Denoising Route Restoration Models for Scalable Route Models", (
        "We propose DRRM for compressive sensing. Scaling Route Restoration Models is hard."))
    ms = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("Denoising Route Restoration Models", EntityType.METHOD) in ms, ms
    assert ("Route Restoration Models", EntityType.METHOD) in ms, ms  # "Scaling": no acronym
    assert ("compressive sensing", EntityType.TASK) in ms, ms
    assert not [t for t, _ in ms if "Scalable" in t], ms


def test_need_and_share_are_verbs_and_hacking_heads_tasks(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "Phones need route models that share embeddings, and the penalty reduces reward "
        "hacking.")))
    assert "route models" in typed and "reward hacking" in typed, typed
    assert not [t for t in typed if t.startswith(("need", "share"))], typed


def test_versions_splits_sensors_and_a_models_possessive(nlp):
    typed = labels_by_text(nlp, make_paper("Route Matting and Mesh Recovery", (
        "Quill3D v2 produces sharp maps on LiDAR scans. On COCO val2017 it lifts RouteSAM 2's "
        "memory attention, unlike Wagner's method. Video matting is hard. We predict optical "
        "flow.")))
    assert typed.get("Quill3D v2") is EntityType.METHOD and "Quill3D" not in typed, typed
    assert not {"LiDAR", "val2017", "predict optical flow"} & set(typed), typed
    assert typed.get("memory attention") is EntityType.METHOD, typed
    assert typed.get("Wagner's method") is EntityType.METHOD, typed
    assert typed.get("Video matting") is typed.get("Mesh Recovery") is EntityType.TASK, typed


def test_a_name_list_ends_where_a_clause_opens_and_modalities_are_no_names(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "Trained on CT and MRI scans from datasets including QuillSeg, RouteBrain and "
        "AMOQ, it outperforms QuillNet and SAM-Route3D; it writes Python and SQL.")))
    assert typed["QuillSeg"] is typed["AMOQ"] is EntityType.DATASET, typed
    assert typed["QuillNet"] is typed["SAM-Route3D"] is EntityType.METHOD, typed
    assert not {"CT", "MRI", "Python", "SQL"} & set(typed), typed


def test_what_a_model_is_fine_tuned_from_is_a_model_and_one_word_names_take_versions(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "A guard fine-tuned from QuillVL-1.6 on this data and distilled from RouteLM wins. "
        "On QuillSpeech and TED-QUILL 3, an acoustic route recognizer lowers latency; "
        "transient object removal helps.")))
    assert typed.get("QuillVL-1.6") is typed.get("RouteLM") is EntityType.METHOD, typed
    assert typed.get("TED-QUILL 3") is EntityType.DATASET and "TED-QUILL" not in typed, typed
    assert typed.get("acoustic route recognizer") is EntityType.METHOD, typed
    assert typed.get("transient object removal") is EntityType.TASK, typed


def test_lists_of_capitalised_names_verbs_after_we_and_glued_known_names(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "On D4RL AntMaze, Quillen and Routeway tasks, we query large language models. We "
        "compare Quillbolt, Routera and TimesQ-2.0. We pretrain on Route-300B, a corpus of "
        "points, and run an A/B test in English-to-Chinese. Notes feed a long-context "
        "Clinical-Longformer, and speech a Whisper-Route.")))
    assert typed["Quillen"] is typed["Routeway"] is EntityType.DATASET, typed
    assert typed["Quillbolt"] is typed["Routera"] is EntityType.METHOD, typed
    assert typed.get("large language models") is EntityType.METHOD, typed
    assert typed.get("Clinical-Longformer") is typed.get("Whisper-Route") is EntityType.METHOD, (
        typed)
    assert typed.get("Route-300B") is EntityType.DATASET, typed
    assert not {"query large language models", "Longformer", "Whisper", "A/B",
                "English-to-Chinese"} & set(typed), typed


def test_a_score_based_on_a_name_does_not_make_it_data_and_plausible_is_no_term_part(nlp):
    typed = labels_by_text(nlp, make_paper("Physically Plausible Route Generation", (
        "We propose a consistency score based on QuillFace similarity.")))
    assert typed.get("QuillFace") is EntityType.METHOD, typed
    assert typed.get("Route Generation") is EntityType.TASK, typed


def test_capitalised_words_before_modifiers_and_a_plural_dataset_noun(nlp):
    typed = labels_by_text(nlp, make_paper("T", (
        "In simulations on the Quillfeed and Routebook federated datasets, it wins. It uses "
        "the NTCIR Quill IR test collection and English-Chinese parallel corpora.")))
    assert typed.get("Quillfeed") is typed.get("Routebook") is EntityType.DATASET, typed
    assert "Quill" not in typed and "English-Chinese" not in typed, typed


def test_a_gazetteer_name_starting_lower_case_matches_capitalised(nlp):
    """"text-to-SQL" (exact: it holds an acronym) also matches "Text-to-SQL", as a title
    or a sentence's first word writes it."""
    paper = make_paper("Self-Correcting Text-to-SQL", "Text-to-SQL maps questions to queries.")
    hits = [(m.text, m.label, m.kb_id) for m in found(nlp, paper)]
    assert hits.count(("Text-to-SQL", EntityType.TASK, "task/text-to-sql")) == 2, hits


def test_a_kind_word_types_the_common_nouns_of_its_list(nlp):
    paper = make_paper("T", "It covers three tasks (text-to-route, route ranking, map-to-route) "
                            "and downstream tasks, e.g., hazing, routing and route matching.")
    labels = labels_by_text(nlp, paper)
    for item in ("text-to-route", "route ranking", "map-to-route", "hazing", "routing"):
        assert labels.get(item) is EntityType.TASK, (item, labels)
    paper = make_paper("T", "We also test other tasks: map-to-text, route hazing and dehazing.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("map-to-text") is EntityType.TASK, labels


def test_a_short_form_in_brackets_before_a_hyphen_is_its_own_word(nlp):
    paper = make_paper("T", "We use quiet route learning (QRL)-based planning; QRL is fast.")
    texts = {m.text for m in found(nlp, paper)}
    assert "QRL" in texts and not any(")" in t for t in texts), texts


def test_fast_is_no_part_of_a_term_but_of_known_names(nlp):
    paper = make_paper("Fast Route Generation with Sparse Maps",
                       "We speed up the fast Fourier transform for fast route generation.")
    texts = {m.text for m in found(nlp, paper)}
    assert "Route Generation" in texts and "fast Fourier transform" in texts
    assert not {"Fast Route Generation", "fast route generation"} & texts, texts


def test_frozen_and_lightweight_are_no_part_of_a_term(nlp):
    paper = make_paper("T", "A frozen route diffusion model feeds a lightweight route detector, "
                            "which improves mask AP.")
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert {("route diffusion model", EntityType.METHOD), ("mask AP", EntityType.METRIC)} <= hits
    assert not any(text.startswith(("frozen", "lightweight")) for text, _ in hits), hits


def test_comparatives_and_rival_are_no_part_of_a_term(nlp):
    paper = make_paper("T", "Route forecasting models now rival numerical route prediction, and "
                            "two newer route foundation models beat larger route transformers.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"numerical route prediction", "route foundation models"} <= texts, texts
    assert not any(t.startswith(("rival", "newer", "larger")) for t in texts), texts


def test_more_words_that_are_no_names_or_term_parts(nlp):
    paper = make_paper("Route Learning under Non-IID Clients", (
        "We ask how far small route models go and analyse forgery route attacks on "
        "AI-generated images from RGB-D video with semantic IDs. Accuracy rises on non-IID "
        "splits of QuillQA and of the Flan collection."))
    typed = labels_by_text(nlp, paper)
    assert "route models" in typed and "forgery route attacks" in typed, typed
    assert not {"AI-generated", "RGB-D", "IDs", "far small route models", "Non-IID",
                "non-IID"} & set(typed), typed
    assert typed["QuillQA"] is typed["Flan"] is EntityType.DATASET, typed


def test_a_count_and_compact_are_no_part_of_a_term(nlp):
    paper = make_paper("T", "A 700M-parameter route transformer and a compact 3-layer route "
                            "tokenizer lower rFID and gFVD.")
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert {("route transformer", EntityType.METHOD), ("route tokenizer", EntityType.METHOD),
            ("rFID", EntityType.METRIC), ("gFVD", EntityType.METRIC)} <= hits, hits
    texts = {m.text for m in found(nlp, make_paper("T", "We release 60k route tokenizers and "
                                                          "1.5M route transformers for 3D route editing."))}
    assert {"route tokenizers", "route transformers", "3D route editing"} <= texts, texts


def test_a_term_does_not_run_across_a_known_dataset(nlp):
    paper = make_paper("T", "RouteFlow reaches an FID of 2.1 on class-conditional ImageNet "
                            "256x256 generation with fewer retrieval calls.")
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert any(text.startswith("ImageNet") and label is EntityType.DATASET
               for text, label in hits), hits
    assert not any(label is EntityType.TASK for _, label in hits), hits


def test_a_name_ending_a_sentence_has_no_full_stop(nlp):
    paper = make_paper("T", "It beats Quill-2-8B on RouteQA2K. We also test RouteQA2K and Zorba9X.")
    texts = [m.text for m in found(nlp, paper)]
    assert texts.count("RouteQA2K") == 2 and "Quill-2-8B" in texts and "Zorba9X" in texts
    assert not any(t.endswith(".") for t in texts), texts
    paper = make_paper("T", "It beats OWL-RoT. We score with MetricQ. We train on QuST-C. "
                            "It beats Quill-o. It beats QuillNet.")
    texts = [m.text for m in found(nlp, paper)]
    assert "OWL-RoT" in texts and "MetricQ" in texts and "QuST-C" in texts, texts
    assert "Quill-o" in texts, texts  # a lower-case letter and a stop are no special case
    assert not any(t.endswith(".") for t in texts), texts
    assert {"U.S.", "Ph.D.", "e.g."} <= {
        t.text for t in nlp.make_doc("In the U.S. a Ph.D. helps, e.g. here.")}


def test_a_long_forms_head_may_stand_before_its_prepositional_phrase(nlp):
    paper = make_paper("T", "We scale Route Learning from Map Feedback (RLMF) to cities. RLMF is fast.")
    defined = {(m.text, m.label, m.long_form) for m in found(nlp, paper) if m.source == "abbreviation"}
    assert ("RLMF", EntityType.METHOD, "Route Learning from Map Feedback") in defined, defined


def test_a_lower_case_word_before_a_capitalised_name_is_not_part_of_it(nlp):
    paper = make_paper("T", "We scale Route Learning to cities with text-guided Quiet Router.")
    texts = {m.text for m in found(nlp, paper)}
    assert "Route Learning" in texts and "scale Route Learning" not in texts, texts


def test_the_word_before_task_names_a_task(nlp):
    paper = make_paper("T", "Besides the standard text-to-route task and a parsing task, we "
                            "study downstream tasks, real-world tasks and ill-posed problems.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("text-to-route") is EntityType.TASK and labels.get("parsing") is EntityType.TASK
    assert not {"downstream", "real-world", "ill-posed"} & set(labels), labels


def test_a_task_noun_and_what_it_acts_on_name_a_task(nlp):
    """"segmentation of the left atrium" is a task; a long form inside it keeps its own
    type, and a process noun, a single word, a list or a method head after "of" name none."""
    paper = make_paper("T", "Fast segmentation of the left atrium (LA) in scans matters. We "
                            "also study the estimation of soil moisture levels from radar. The "
                            "understanding of model robustness, the generation of images and the "
                            "detection of cats and dogs and the generation of the teacher model "
                            "are not our topic, nor the segmentation of Zebra Crossing scenes, "
                            "nor the estimation of noisy hidden Markov models.")
    tasks = [m.text for m in found(nlp, paper) if m.label is EntityType.TASK]
    assert "segmentation of the left atrium" in tasks and "estimation of soil moisture levels" in tasks
    assert "LA" not in tasks
    assert not [t for t in tasks if t.startswith(("understanding", "generation", "detection",
                                                  "segmentation of Zebra", "estimation of noisy"))], tasks


@pytest.mark.parametrize("title, task", [
    ("Accelerating Mesh Rendering with Sparse Routers", "Accelerating Mesh Rendering"),
    ("MeshZip: Accelerate Mesh Rendering by Pruning", "Accelerate Mesh Rendering"),
    ("Segmenting Coral Reefs", "Segmenting Coral Reefs"),
    ("Accelerating Very Large Sparse Mesh Rendering", None),  # too long to trust
    ("Erasing Concepts from Route Models", "Erasing Concepts"),
    ("Forecasting Extreme Weather with Routers", "Forecasting Extreme Weather"),
])
def test_a_title_starting_with_a_task_verb_names_the_task(nlp, title, task):
    paper = make_paper(title, "Accelerating mesh rendering matters to many of us.")
    mentions = found(nlp, paper)
    tasks = {m.text for m in mentions if m.label is EntityType.TASK and m.start < len(title)}
    assert (task in tasks) if task else not [t for t in tasks if t.startswith("Accel")], tasks
    assert not [m for m in mentions if m.start > len(title) and m.text.startswith("Accel")]


def test_alignment_names_a_task_only_when_known(nlp):
    """In generative-model abstracts "alignment" is mostly a property ("text-image
    alignment": no gold task on the dev page, 4 wrong ones); known alignment tasks stay."""
    paper = make_paper("T", "Our sampler improves text-image alignment and helps word alignment.")
    tasks = {m.text for m in found(nlp, paper) if m.label is EntityType.TASK}
    assert "word alignment" in tasks and "text-image alignment" not in tasks, tasks


def test_an_imaging_technique_is_a_method(nlp):
    paper = make_paper("T", "We compare thermal wave imaging with a sonar probe.")
    labels = labels_by_text(nlp, paper)
    assert labels.get("thermal wave imaging") is EntityType.METHOD, labels


def test_a_saved_pipeline_loads_through_the_entry_points_alone(tmp_path):
    """kg's components and tokenizer are spaCy entry points: a saved pipeline loads in a
    process that never imports kg itself, and tokenizes as kg does."""
    import subprocess
    import sys

    from kg.extract import load_pipeline

    load_pipeline("fast").to_disk(tmp_path / "kg_fast")
    code = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); "
            "print(nlp.pipe_names, [t.text for t in nlp.make_doc('A (QR)-based map')])")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "kg_fast")],
                         capture_output=True, text=True, check=True).stdout
    assert "kg_resolver" in out and "'QR', ')', '-'" in out, out


def test_extraction_runs_the_garbage_collector_rarely_and_restores_its_setting(monkeypatch):
    import gc

    from kg import pipeline

    seen = []
    real_link = pipeline.link
    monkeypatch.setattr(pipeline, "link", lambda *a, **k: (seen.append(gc.get_threshold()[0]),
                                                           real_link(*a, **k))[1])
    before = gc.get_threshold()
    data = pipeline.run_extraction([make_paper("DDIM on CIFAR-10", "We train DDIM on CIFAR-10.")])
    assert seen == [pipeline.YOUNG_THRESHOLD] and data.entities
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), pipeline.rare_young_collections():
        raise RuntimeError("stop")
    assert gc.get_threshold() == before


@pytest.mark.parametrize("text, data, models", [
    # a score and "on" before a name ("86.1 %": spaCy splits the sign off)
    (("RouteNet-3B reaches 86.1% on TapSpot and 41.2% on TapSpot-Pro, and gains 3.1 points "
      "on QuillVQA over ZorbaAgent."),
     ("TapSpot", "TapSpot-Pro", "QuillVQA"), ("RouteNet-3B", "ZorbaAgent")),
    # names split or partitioned across clients
    (("We tune with Quill-15K and Zorba split across 100 clients, as FedRoute does, and "
      "RouteMix partitioned among 50 clients."),
     ("Quill-15K", "Zorba", "RouteMix"), ("FedRoute",)),
    # a rate or an error and "on" before a name; a name before "challenge"
    (("RouteMind raises the success rate on RouteNav-CE by 4.8 points and lowers the error on "
      "QuillMap, beating the ZorbaNet baseline of the RODEO challenge."),
     ("RouteNav-CE", "QuillMap", "RODEO"), ("RouteMind", "ZorbaNet")),
    # a task ("counting") and "on" before a name
    ("It transfers to crowd counting on ZorbaTech.", ("ZorbaTech",), ()),
    # a comma closing an opening prepositional phrase is no apposition, even after a list;
    # "the X <modifiers> dataset" (singular) and "the synthetic corpus, X" make data
    (("On QTCV and the Zorba multi-organ dataset, RouteSAM-Adapt improves Dice. We release "
      "the synthetic corpus, AfriRoute."), ("Zorba", "AfriRoute"), ("RouteSAM-Adapt",)),
    # names between a sentence-opening "On" and its comma are where results were measured
    ("On QUIRACL and ZORBEIR, RouteColBERT improves recall.", ("QUIRACL", "ZORBEIR"),
     ("RouteColBERT",)),
    # capitalised words listed after "benchmarks such as" name one dataset each
    (("On spoken question answering benchmarks such as Quill Questions and Zorba Queries "
      "it matches Routi while using half the parameters."),
     ("Quill Questions", "Zorba Queries"), ("Routi",)),
    # a list of tasks that holds a known dataset lists datasets; "the same budget of X"
    (("Experts tuned on image classification tasks such as Quills, DTD and Zorba397 beat "
      "models trained on the same budget of RouteWeb-2."),
     ("Quills", "Zorba397", "RouteWeb-2"), ()),
])
def test_names_typed_as_data_by_their_context(nlp, text, data, models):
    typed = labels_by_text(nlp, make_paper("T", text))
    assert all(typed.get(n) is EntityType.DATASET for n in data), typed
    assert all(typed.get(n) is EntityType.METHOD for n in models), typed


def test_adjective_ing_words_stay_in_terms_and_align_is_a_verb(nlp):
    paper = make_paper("T", "We present a spiking route network with sliding window "
                            "attention. Route models are used to align chat route models. "
                            "Accurate binding route prediction helps.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"spiking route network", "sliding window attention",
            "binding route prediction"} <= texts, texts
    assert not any(t.startswith("align") for t in texts), texts
    assert labels_by_text(nlp, make_paper("Diffusion Models for Code Infilling", "Text."))[
        "Code Infilling"] is EntityType.TASK


def test_a_title_phrase_with_an_adverb_is_no_name_unless_named_again(nlp):
    hits = {(m.text, m.source) for m in found(nlp, make_paper(
        "Listen Closely: Route Models for Sound Route Detection", "We study routes."))}
    assert not any(source == "title" for _, source in hits), hits
    hits = {(m.text, m.source) for m in found(nlp, make_paper(
        "Route Quietly: Route Models for Sound Route Detection", "Route Quietly helps."))}
    assert ("Route Quietly", "title") in hits, hits


def test_an_adjective_piece_is_not_glued_to_a_known_name(nlp):
    texts = {m.text for m in found(nlp, make_paper(
        "Route Marks for LLM-Generated Text", "We compare CLIP-Guided sampling with "
                                              "Clinical-Longformer."))}
    assert "LLM" in texts and "Clinical-Longformer" in texts, texts
    assert not {"LLM-Generated", "CLIP-Guided"} & texts, texts


def test_small_and_tiny_are_no_part_of_a_term_but_of_small_language_models(nlp):
    paper = make_paper("T", "A small route model and a tiny route network guide small "
                            "language models.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"route model", "route network", "small language models"} <= texts, texts
    assert not {"small route model", "tiny route network"} & texts, texts


def test_a_bare_transformer_is_the_architecture(nlp):
    paper = make_paper("T", "RouteFormer is a transformer over route tokens; the decoder "
                            "is a small model.")
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("transformer", EntityType.METHOD) in hits, hits
    assert not {"decoder", "model"} & {text for text, _ in hits}, hits


def test_a_names_possessive_and_file_formats_are_no_part_of_names(nlp):
    paper = make_paper("T", "RouteLens matches QuillPali's nDCG@5 and reads PDF and HTML "
                            "pages faster than Zorba.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillPali") is EntityType.METHOD and "QuillPali's" not in typed, typed
    assert typed.get("Zorba") is EntityType.METHOD, typed  # a capitalised word after "than"
    assert not {"PDF", "HTML"} & set(typed), typed


def test_a_plural_names_possessive_is_the_name(nlp):
    # "LLMs' ability" names the LLMs, not a method "LLMs'", with either apostrophe
    paper = make_paper("T", "We study LLMs' ability to plan and the QuillNets\u2019 skills "
                            "on charts.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("LLMs") is EntityType.METHOD, typed
    assert typed.get("QuillNets") is EntityType.METHOD, typed
    assert not {"LLMs'", "QuillNets\u2019"} & set(typed), typed


def test_companies_systems_levels_and_judging_adjectives_name_nothing(nlp):
    # "Quill Ltd." and "Apple Inc." are companies, iOS and Linux systems, "L1-L3" a range
    # of levels; "poor", "advanced", "easy", "good", "usable" and "optional" judge a term
    # and are no part of it
    assert_names(nlp, "QuillBench holds APIs from Apple Inc. and Quill Ltd. for APPs on iOS "
                      "and Linux, in levels L1-L3. Agents show poor quill planning, and "
                      "advanced quill parsing needs a usable quill agent and an optional "
                      "quill refinement for easy quill editing with good quill transfer.",
                 names=("QuillBench", "quill planning", "quill parsing"),
                 no_names=("Apple Inc.", "Quill Ltd.", "APPs", "APP", "iOS", "Linux", "L1-L3",
                           "poor quill planning", "advanced quill parsing",
                           "usable quill agent", "optional quill refinement",
                           "easy quill editing", "good quill transfer"))


def test_a_dash_sets_off_a_data_apposition_as_a_comma_does(nlp):
    # "QuillChirp - a new long form response benchmark": the proposal is data, and so are
    # its other mentions; a count after a dash is a version, no amount of data
    paper = make_paper("QuillRobin and QuillChirp",
                       "We introduce QuillChirp - a new long form response benchmark for "
                       "charts. We release the QuillChirp benchmark. QuillLTM - 10 beats "
                       "QuillNet \u2014 a large new corpus of plots.")
    chirp = {m.label for m in found(nlp, paper) if m.text == "QuillChirp"}
    assert chirp == {EntityType.DATASET}, chirp
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillNet") is EntityType.DATASET, typed
    assert typed.get("QuillLTM") is not EntityType.DATASET, typed


def test_participles_open_no_term_and_a_task_before_a_data_noun_is_no_proposal(nlp):
    # "a design incorporating quill temporal modeling": the participle is a verb, no part of
    # the term; "we introduce a quill grounding dataset" proposes data, not a method named
    # after the task
    paper = make_paper("T", "QuillNet is a design incorporating quill temporal modeling and "
                            "a VLM retaining quill semantic understanding. We also introduce a "
                            "quill grounding dataset, which helps quill grounding, and videos "
                            "demonstrating quill restoration with two distinct quill encoders.")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    texts = {text for text, _ in labels}
    assert not [t for t in texts if t.startswith(
        ("incorporating", "VLM retaining", "demonstrating", "distinct"))], texts
    assert "quill restoration" in texts, texts
    assert ("quill grounding", EntityType.TASK) in labels, labels
    assert ("quill grounding", EntityType.METHOD) not in labels, labels


def test_a_long_form_after_a_relative_clause_is_not_proposed(nlp):
    # the module is proposed; the system it is integrated into is not, so TTS stays a task
    paper = make_paper("T", "We introduce a QuillVoice module that can be integrated into a "
                            "multi-lingual Text-to-speech (TTS) system.")
    labels = {(m.text, m.label, m.proposed) for m in found(nlp, paper)}
    assert ("TTS", EntityType.TASK, False) in labels, labels


def test_a_metric_word_after_a_subject_or_to_is_a_verb(nlp):
    paper = make_paper("T", "We recall how QuillNet works: models may recall the answers. "
                            "QuillNet reaches a recall of 0.9 on QuillSet.")
    recalls = [m for m in found(nlp, paper) if m.text.lower() == "recall"]
    assert len(recalls) == 1 and recalls[0].label is EntityType.METRIC, recalls


def test_a_titles_name_takes_the_type_its_proposal_gives_in_another_case(nlp):
    paper = make_paper("Quillmath: A Challenging Multi-modal Quill Reasoning Benchmark",
                       "We present QuillMATH, a challenging benchmark of 5,000 images.")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("Quillmath", EntityType.DATASET) in labels, labels
    assert ("Quillmath", EntityType.METHOD) not in labels, labels


def test_a_bracket_aside_in_a_data_apposition_and_about_counts(nlp):
    # "QuillEdit, a large-scale (~4M editing samples), automatically generated dataset": the
    # bracket does not hide the head; "~4M" counts samples, like "4M", and opens no term;
    # "alongside" and "undermine" open none either
    paper = make_paper("T", "This paper presents QuillEdit, a large-scale (~4M editing "
                            "samples), automatically generated dataset for quill editing, "
                            "alongside quill captioning. Noise can undermine quill planning.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillEdit") is EntityType.DATASET, typed
    assert not [t for t in typed if t.startswith(("~4M", "alongside", "undermine"))], typed
    assert {"quill captioning", "quill planning"} <= set(typed), typed


def test_a_title_described_as_a_hyphenated_benchmark_names_data(nlp):
    # "A Large-scale Hour-Long Video Benchmark": the lower-case piece after a hyphen does not
    # end the description; "User Simulators" are no data, though "simulator" cues data
    data = make_paper("QV-1K: A Large-scale Hour-Long Quill Benchmark for Long Quills",
                      "Among them, we focus on building a large-scale hour-long quill "
                      "benchmark, QV-1K, designed to evaluate models.")
    assert {m.label for m in found(nlp, data) if m.text == "QV-1K"} == {EntityType.DATASET}
    # the data noun before the comma reaches back past hyphenated words to its article
    untitled = make_paper("T", "We focus on building a large-scale hour-long quill benchmark, "
                               "QV-2K, designed to evaluate models.")
    assert labels_by_text(nlp, untitled).get("QV-2K") is EntityType.DATASET
    sims = make_paper("QuillUser: LLM-Based User Simulators for Offline Quill Evaluation",
                      "QuillUser builds a user simulator from a language model.")
    assert {m.label for m in found(nlp, sims) if m.text == "QuillUser"} == {EntityType.METHOD}


def test_advance_appropriate_and_entire_open_no_term(nlp):
    assert_names(nlp, "To further advance quill agents, we use appropriate quill modeling "
                      "and an entire quill design.",
                 names=("quill modeling",),
                 no_names=("advance quill agents", "appropriate quill modeling",
                           "entire quill design"))


def test_data_named_so_is_data(nlp):
    # "an instruction dataset named X", "a new benchmark, called Y": data; "a model named
    # Z" stays a method; "minimal" and "modern" open no term
    paper = make_paper("T", "We collect an audio-visual joint instruction dataset named "
                            "QuillInstruct and a new benchmark, called QuillArena, and train a "
                            "model named QuillNet with minimal quill tokens for modern quill "
                            "retrieval.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillInstruct") is EntityType.DATASET, typed
    assert typed.get("QuillArena") is EntityType.DATASET, typed
    assert typed.get("QuillNet") is EntityType.METHOD, typed
    assert "quill retrieval" in typed and not [t for t in typed if t.startswith(
        ("minimal", "modern"))], typed


def test_known_names_joined_by_a_slash_are_each_named(nlp):
    # "PSNR/SSIM" reports two known metrics; a slashed name the gazetteer holds whole stays
    paper = make_paper("T", "QuillSR improves PSNR/SSIM and BLEU/ROUGE on ETH/UCY.")
    typed = labels_by_text(nlp, paper)
    assert {"PSNR", "SSIM", "BLEU", "ROUGE"} <= set(typed), typed
    assert typed["PSNR"] is EntityType.METRIC and typed.get("ETH/UCY") is EntityType.DATASET
    assert not {"PSNR/SSIM", "BLEU/ROUGE"} & set(typed), typed


def test_an_em_dash_glued_between_words_ends_a_name(nlp):
    # "QuillNet\u2014a model": the dash sets off an apposition as a spaced one does
    paper = make_paper("T", "We propose QuillNet\u2014a model for quill parsing\u2014and "
                            "release QuillSet\u2014a large dataset of charts. Such methods "
                            "incur high quill costs.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillNet") is EntityType.METHOD, typed
    assert typed.get("QuillSet") is EntityType.DATASET, typed
    assert not [t for t in typed if "\u2014" in t or t.startswith("incur")], typed


def test_names_opening_the_items_of_a_data_list_after_a_colon_are_data(nlp):
    paper = make_paper("T", "We introduce two structured datasets: QuillPile, comprising 3.8M "
                            "pairs for quill parsing, and QuillInstruct, featuring 624k "
                            "annotations. QuillNet is trained on them.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillPile") is EntityType.DATASET, typed
    assert typed.get("QuillInstruct") is EntityType.DATASET, typed
    assert typed.get("QuillNet") is EntityType.METHOD, typed


def test_a_task_posed_under_a_given_name_stays_a_task(nlp):
    # "we present a new task, termed X (XR)": "termed" names what "present" proposes; the
    # short form stays the task where the doc uses it again
    paper = make_paper("T", "We present a new task, termed Quill Document Repair (QDR). We "
                            "propose QuillNet for QDR. We propose a method termed Quill "
                            "Mending (QM).")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("QDR", EntityType.TASK) in labels and ("QDR", EntityType.METHOD) not in labels
    assert ("Quill Document Repair", EntityType.TASK) in labels, labels
    assert ("QM", EntityType.METHOD) in labels, labels


def test_a_title_verb_with_an_article_names_no_task(nlp):
    paper = make_paper("Predicting the Original Look of Damaged Quill Documents",
                       "We do it well.")
    assert not [m for m in found(nlp, paper) if m.text.lower().startswith("predicting")]


def test_a_data_apposition_after_a_preposition_inside_a_clause(nlp):
    # "performance on a ... benchmark, QuillDoc, and": an apposition; a preposition that
    # opens the clause makes the comma end an adverbial
    paper = make_paper("T", "It achieves the best performance on a quill structure analysis "
                            "benchmark, QuillDoc, and good results. In addition, on the "
                            "QuillArena benchmark, OpenQuill reaches 90%.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillDoc") is EntityType.DATASET, typed
    assert typed.get("OpenQuill") is EntityType.METHOD, typed


def test_a_model_apposition_makes_a_method_where_the_context_reads_data(nlp):
    # "tested in X, a ... forecasting model": the apposition says what X is
    paper = make_paper("T", "The loss is tested in QuillCast, a machine-learned weather "
                            "forecasting model developed at a weather centre, and on "
                            "QuillSet, a dataset for model training.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillCast") is EntityType.METHOD, typed
    assert typed.get("QuillSet") is EntityType.DATASET, typed


def test_competitions_are_data_and_language_codes_name_nothing(nlp):
    # "the Quillnam Competition, an annual competition": data; "Albanian (SQ)": a language
    # code, no method, there or later; "CI-gated" is an adjective, "extent" no task word
    paper = make_paper("T", "On the latest 2025 Quillnam Competition, an annual mathematics "
                            "competition, QuillProver solves all 12 problems. We study to what extent translation between Albanian "
                            "(SQ) and Dutch (NL) works in CI-gated rounds. The SQ data is "
                            "small.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("Quillnam Competition") is EntityType.DATASET, typed
    assert typed.get("QuillProver") is EntityType.METHOD, typed
    assert not {"SQ", "NL", "CI-gated", "extent translation"} & set(typed), typed


def test_high_and_verbs_that_open_a_clause_open_no_term(nlp):
    # "high quill precision" is the precision; "layers that promote quill flow", "to isolate
    # quill capabilities": verbs; "by 2times" counts; "total variation" stays a name
    assert_names(nlp, "QuillNet reaches high quill precision with layers that promote quill "
                      "flow, used to isolate quill capabilities by 2times, and a total "
                      "variation loss.",
                 names=("quill precision", "total variation loss"),
                 no_names=("high quill precision", "promote quill flow",
                           "isolate quill capabilities", "2times"))
    assert_names(nlp, "It avoids a naive quill translation and time-consuming quill "
                      "optimization, even under aggressive quill compression at extreme quill "
                      "rates.", names=("quill translation", "quill optimization",
                                       "quill compression"),
                 no_names=("naive quill translation", "time-consuming quill optimization",
                           "aggressive quill compression", "extreme quill rates"))
    assert_names(nlp, "These metrics assess quality and optimize quill generation models.",
                 names=("quill generation models",),
                 no_names=("optimize quill generation models",))


def test_a_task_named_in_a_proposed_models_long_form_stays_a_task(nlp):
    # "we propose X, a ... image super-resolution (SR) model": X is proposed, the task the
    # long form names is not (nor a method); adjective pieces and LR-HR pairs name nothing
    paper = make_paper("T", "We propose QuillSR, a novel diffusion-based image super-resolution "
                            "(SR) model. Existing SR approaches use VAE-downsampled inputs, "
                            "AST-extracted context and LR-HR pairs.")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("SR", EntityType.TASK) in labels and ("SR", EntityType.METHOD) not in labels
    texts = {t for t, _ in labels}
    assert not {"VAE-downsampled", "AST-extracted", "LR-HR"} & texts, labels


def test_a_long_form_before_loss_names_a_method(nlp):
    # "Quill Implicit Matching (QIM) loss": a loss's name, though "matching" heads tasks too
    paper = make_paper("T", "We introduce QuillNet, a framework that replaces old objectives "
                            "with Quill Implicit Matching (QIM) loss. The QIM loss helps.")
    labels = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("QIM", EntityType.METHOD) in labels and ("QIM", EntityType.TASK) not in labels


def test_an_acronym_after_a_percentage_is_a_metric(nlp):
    # "achieves 47% QR": a score's unit, as "86.5 TEDS" is; "predefined" and "detect" open
    # no term
    paper = make_paper("T", "QuillPlanner achieves 47% QR over predefined quill graphs and "
                            "can detect quill errors.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QR") is EntityType.METRIC, typed
    assert not [t for t in typed if t.startswith(("predefined", "detect"))], typed


def test_operating_systems_listed_with_a_name_name_nothing(nlp):
    # a capitalised word listed with a name-like one is named, but not an operating system
    assert_names(nlp, "QuillGUI runs on platforms (including Windows, Linux, MacOS, Android, "
                      "and QuillOS) and on UI components, trained with K-step unrolling in "
                      "N-way K-shot episodes.", names=("QuillGUI",),
                 no_names=("Windows", "Linux", "MacOS", "Android", "UI", "K-step", "N-way",
                           "K-shot"))


def test_a_metric_at_a_cut_off_is_a_metric_and_an_email_no_name(nlp):
    # "Precision@5", "Recall@K." (the stop split off); an email address names nothing
    paper = make_paper("T", "QuillRank raises Precision@5 by 15 percent and Recall@K. Write "
                            "to quill@example.org for coherent quill retrieval.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("Precision@5") is EntityType.METRIC, typed
    assert typed.get("Recall@K") is EntityType.METRIC, typed
    assert not [t for t in typed if "example" in t or t.startswith("coherent")], typed


def test_start_is_a_verb_and_and_on_reaches_a_far_dataset(nlp):
    paper = make_paper("T", "On WebArena, the memory raises the success rate of a strong "
                            "QuillBot agent from 14.9% to 21.3% over five seeds, and on "
                            "Zorba2Web it can start answering early.")
    typed = labels_by_text(nlp, paper)
    assert typed["Zorba2Web"] is EntityType.DATASET, typed
    assert not any(t.startswith("start") for t in typed), typed


def test_referring_roman_versions_and_a_mixed_case_name_before_a_vague_head(nlp):
    paper = make_paper("Referring Video Route Segmentation", (
        "A self-supervised QuillLM encoder and a multilingual TTS model are tested on "
        "RouteSet III, QuillHard II and ZorbaMeet for speaker diarization and precipitation "
        "nowcasting, with the highest BLEU scores."))
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert {("Referring Video Route Segmentation", EntityType.TASK),
            ("QuillLM", EntityType.METHOD), ("multilingual TTS model", EntityType.METHOD),
            ("QuillHard II", EntityType.DATASET), ("speaker diarization", EntityType.TASK),
            ("precipitation nowcasting", EntityType.TASK),
            ("BLEU", EntityType.METRIC)} <= hits, hits
    assert not any(text.startswith(("self-supervised", "highest")) for text, _ in hits), hits


def test_dataset_versions_frames_of_a_name_x_rays_and_refinement(nlp):
    paper = make_paper("Bidirectional Route Refinement for Frame Routing", (
        "It raises the win rate on AlpacaEval 2 and the PSNR on the 4K frames of "
        "QuillX1000FPS, read from a chest X-ray."))
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert {("AlpacaEval 2", EntityType.DATASET), ("QuillX1000FPS", EntityType.DATASET),
            ("Bidirectional Route Refinement", EntityType.METHOD)} <= hits, hits
    assert not any(text.startswith("X-ray") for text, _ in hits), hits


def test_capitalised_words_after_a_comparison_are_names(nlp):
    paper = make_paper("T", "RouteQA improves accuracy by 6.5 points over Quill and Zorba "
                            "with a smaller model. It outperforms Lumen and Vesta in quality, "
                            "and is faster than Moshi. It gains over Gaussian data "
                            "augmentation and improves skill over Europe.")
    typed = labels_by_text(nlp, paper)
    assert all(typed.get(n) is EntityType.METHOD for n in
               ("Quill", "Zorba", "Lumen", "Vesta", "Moshi")), typed
    assert not {"Gaussian", "Europe"} & set(typed), typed


@pytest.mark.parametrize("text, kept, cut", [
    # a size word glued to a version is a tier; a lower-case known term opening an
    # adjective compound names nothing; pretrain and fine-tune (verbs) break terms
    (("RouteASR beats Whisper large-v3 and the transformer-based QuillFormer. Pairs used to "
      "pretrain CLIP models help us fine-tune route models."),
     {"Whisper large-v3", "QuillFormer", "CLIP", "route models"},
     ("transformer", "large-v3", "pretrain", "fine-tune")),
    # a one-digit point version joins a name (not a score); help and downstream break terms
    (("We refine estimates from QuillMR 2.0 with a transformer; ZorbaNet 84.6 is a score. "
      "Route tags help route translation and lower the downstream route loss."),
     {"QuillMR 2.0", "ZorbaNet", "route translation", "route loss"},
     ("help", "downstream", "ZorbaNet 84")),
    # a year is a name's version whatever follows; counting and repair head tasks
    ("It lowers the EER on QuillSpoof 2019 LA, helps crowd counting and program repair.",
     {"QuillSpoof 2019", "crowd counting", "program repair"}, ("QuillSpoof 2019 LA",)),
    # a family's whole-number version joins its name (the gazetteer's AlphaFold lists
    # AlphaFold2 and AlphaFold 3); "transfers" before "to" is a verb, not a task's head
    (("Designs checked with AlphaFold 2, the route model transfers to route repair and the "
      "route planner transfers partly to maps."),
     {"AlphaFold 2", "route model", "route repair"}, ("route model transfer", "route planner")),
])
def test_versions_tiers_and_words_that_break_terms(nlp, text, kept, cut):
    texts = {m.text for m in found(nlp, make_paper("T", text))}
    assert kept <= texts, texts
    assert not any(t.startswith(cut) for t in texts), texts


def test_prefixed_names_memory_sizes_score_units_and_verbs_after_plurals(nlp):
    paper = make_paper("d-Router: Routing for Masked Route Models", (
        "We propose d-Router, which fits on a single 80GB GPU and reaches 86.5 QTEDS on "
        "QuillDoc; it counts 2.284 ZRHs. Pipeline tools chain layout detection and table "
        "recognition, and speech systems usually chain speech recognition and translation. "
        "It writes Markdown with LaTeX formulas."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("d-Router") is EntityType.METHOD, typed
    assert typed.get("QTEDS") is EntityType.METRIC, typed  # a score's unit after a decimal
    assert typed.get("ZRHs") is not EntityType.METRIC, typed  # a plural after a count
    assert typed.get("layout detection") is EntityType.TASK, typed
    assert typed.get("speech recognition") is EntityType.TASK, typed
    assert not any(t.startswith(("80GB", "chain")) for t in typed), typed
    assert not {"Markdown", "LaTeX"} & set(typed), typed


def test_a_head_noun_after_a_short_forms_bracket_types_it(nlp):
    paper = make_paper("T", "Vision-language-route (VLR) models map images to actions, and "
                            "VLR models are slow.")
    hits = [(m.text, m.label) for m in found(nlp, paper)]
    assert hits.count(("VLR", EntityType.METHOD)) == 2, hits


def test_number_words_hd_ranks_and_verbs_after_plurals_make_no_terms(nlp):
    paper = make_paper("T", "We build a set of one million route triplets with HD maps, "
                            "route to the top-2 experts, and rewards from unfiltered tests "
                            "cause reward hacking.")
    texts = {m.text for m in found(nlp, paper)}
    assert "reward hacking" in texts, texts
    assert not any(t.startswith(("million", "HD", "top-2", "cause")) for t in texts), texts


def test_a_capitalised_word_and_a_code_name_a_product(nlp):
    paper = make_paper("T", "It transfers to a Quillon H1 robot and to Zorba S2, as Table S1 "
                            "shows.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("Quillon H1") is EntityType.METHOD, typed
    assert typed.get("Zorba S2") is EntityType.METHOD, typed
    assert not any(t.startswith("Table") for t in typed), typed


def test_a_title_name_the_abstract_twice_calls_data_is_a_dataset(nlp):
    paper = make_paper("RouteSieve: Classifier-Based Quality Filtering for Pretraining Data", (
        "We filter web snapshots into RouteSieve, a 4-trillion-token corpus. Models "
        "pretrained on RouteSieve for 100B tokens win."))
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert ("RouteSieve", EntityType.DATASET) in hits, hits
    assert ("RouteSieve", EntityType.METHOD) not in hits, hits


def test_a_model_name_before_a_known_term_is_its_own_mention(nlp):
    paper = make_paper("T", "We pretrain a QuillViT-g vision transformer with ZorbaV2 "
                            "self-supervised learning and compare DNA language models.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"QuillViT-g", "vision transformer", "ZorbaV2",
            "self-supervised learning", "DNA language models"} <= texts, texts
    assert not any(t.startswith(("QuillViT-g v", "ZorbaV2 s")) for t in texts), texts


def test_a_kind_words_list_ends_at_the_comma_after_its_last_item(nlp):
    paper = make_paper("T", "Across 32 clinical tasks, including route subtyping and route "
                            "prediction, QuillFM outperforms Zorba and Lumen, runs at 95 "
                            "frames per second on a Vesta Orin, and beats pure route models "
                            "such as Routa.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("route prediction") is EntityType.TASK, typed
    assert typed.get("Lumen") is EntityType.METHOD, typed
    assert typed.get("Vesta Orin") is EntityType.METHOD, typed  # hardware, not data
    assert not any(t.startswith("pure") for t in typed), typed


def test_a_model_name_splits_from_the_method_term_it_starts(nlp):
    paper = make_paper("T", "We tune the QuillVL-7B multimodal language model, unlike "
                            "CLIP-style dual encoders, and keep Q-Mode ultrasound imaging.")
    texts = {m.text for m in found(nlp, paper)}  # CLIP: a gazetteer name
    assert {"QuillVL-7B", "multimodal language model", "CLIP", "dual encoders",
            "Q-Mode ultrasound imaging"} <= texts, texts  # a one-letter piece labels a kind


def test_versions_in_lists_modals_and_heads_after_a_short_forms_bracket(nlp):
    paper = make_paper("T", (
        "It beats QuillLDM 2, Zorba 2 and Route Audio Open. Route training does not hurt "
        "route retrieval, and typical solutions repeat verification steps. Models for "
        "electrocardiogram (ECG) analysis use the Penn Quillbank III (PQB) corpus."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("Zorba 2") is EntityType.METHOD, typed
    assert typed.get("route retrieval") is EntityType.TASK, typed
    assert typed.get("PQB") is EntityType.DATASET, typed
    assert not any(t.startswith(("hurt", "repeat", "ECG")) for t in typed), typed


def test_an_opening_list_comma_participles_counts_companies_and_singular_short_forms(nlp):
    paper = make_paper("DebateRoute: Improving Factuality through Debate", (
        "Route modeling has approached route models in quality. On QuillQA, ZorbaScore "
        "stories and the RouteQA benchmark, DebateRoute with GPT-4o-mini gains 6 points, and "
        "it reach validation loss in 4-Bit Floating Point on NVIDIA Blackwell GPUs. It "
        "generates the structure of the complementarity-determining regions (CDRs) and the "
        "CDR sequences, and is tested on the multilingual QuillViC benchmark."))
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    texts = {t for t, _ in hits}
    assert ("DebateRoute", EntityType.METHOD) in hits, hits
    assert ("DebateRoute", EntityType.DATASET) not in hits, hits
    assert ("QuillViC", EntityType.DATASET) in hits, hits
    assert not any(t.startswith(("approached", "reach", "4-Bit", "NVIDIA", "CDR", "multilingual"))
                   for t in texts), texts


def test_a_like_piece_before_a_vague_head_leaves_the_name_and_singing_is_a_kind(nlp):
    paper = make_paper("T", "Singing voice synthesis must follow a score. We pretrain "
                            "Llama-style models.")
    texts = {m.text for m in found(nlp, paper)}
    assert {"Singing voice synthesis", "Llama"} <= texts, texts


def test_names_after_a_data_noun_and_a_dataset_before_its_tasks(nlp):
    paper = make_paper("T", "It gains on the compositional benchmarks QUARO, ZorbaCrepe and "
                            "Routoground. On QuillNet property prediction tasks, it wins in "
                            "a 4 km² area.")
    hits = {(m.text, m.label) for m in found(nlp, paper)}
    assert {("QUARO", EntityType.DATASET), ("ZorbaCrepe", EntityType.DATASET),
            ("Routoground", EntityType.DATASET), ("QuillNet", EntityType.DATASET),
            ("property prediction", EntityType.TASK)} <= hits, hits
    assert not any(t.startswith(("km", "QuillNet property")) for t, _ in hits), hits


def test_a_titles_description_stops_at_of_and_a_task_done_with_is_a_method(nlp):
    paper = make_paper("QuantVLA: Post-Training Quantization of Vision-Language-Action Models "
                       "for Robot Control", "Masses are estimated with route simulation, and "
                       "the model helps with tail simulation.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("Vision-Language-Action Models") is EntityType.METHOD, typed
    assert typed.get("route simulation") is EntityType.METHOD, typed  # what it is done with
    assert typed.get("tail simulation") is EntityType.TASK, typed


@pytest.mark.parametrize("title, abstract, name, label", [
    # a document part ("Proof") glued to a word by a hyphen starts a name
    ("Proof-Router: Training Verifiers for Proofs", "We train Proof-Router, a verifier.",
     "Proof-Router", EntityType.METHOD),
    # the words after the colon call the name a benchmark
    ("RouteVerse-Eval: A Unified Simulation Benchmark for Robot Policies",
     "RouteVerse-Eval reimplements 150 tasks.", "RouteVerse-Eval", EntityType.DATASET),
    # data a proposed generator made is no sign that the generator is data
    ("QuillRx: Generating Synthetic Health Records", (
        "QuillRx generates patient records. Models trained on QuillRx data reach high AUROC."),
     "QuillRx", EntityType.METHOD),
])
def test_a_titles_name_typed_by_its_description_and_kept_from_data_it_made(
        nlp, title, abstract, name, label):
    hits = {(m.text, m.label) for m in found(nlp, make_paper(title, abstract)) if m.text == name}
    assert hits == {(name, label)}, hits


def test_acronyms_a_verb_of_improvement_takes_are_metrics(nlp):
    paper = make_paper("T", "RouteGen improves QFRD and QMMD over ZorbaGen, and outperforms "
                            "QDPM and ZGAN.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("QFRD") is EntityType.METRIC and typed.get("QMMD") is EntityType.METRIC, typed
    assert typed.get("QDPM") is EntityType.METHOD and typed.get("ZGAN") is EntityType.METHOD, typed


def test_a_name_opening_a_datasets_name_a_language_a_percentage_and_a_title_verb(nlp):
    paper = make_paper(
        "QuillNet: Captioning Botanical Drawings with Retrieval",
        "On the ZQV64 Orchard and PlumSet-X datasets, QuillNet is best. It also reads "
        "Northern Quill Language. QuillNet reaches 61.2% leaf sequence recovery.")
    typed = labels_by_text(nlp, paper)
    assert typed.get("ZQV64 Orchard") is EntityType.DATASET, typed  # one name, not two
    assert "Orchard" not in typed and "ZQV64" not in typed, typed
    assert "Northern Quill Language" not in typed, typed  # a language names no method
    assert typed.get("leaf sequence recovery") is EntityType.METRIC, typed  # after "61.2%"
    assert typed.get("Captioning Botanical Drawings") is EntityType.TASK, typed


def test_rates_are_metrics_unless_set_and_a_sized_model_stays_a_model(nlp):
    paper = make_paper("T", (
        "QuillBot scores structures by their gradients. It raises the grasp success rate "
        "at a camera frame rate of 30 Hz, and reaches attack success rates of 70% on "
        "Zorba-3-8B-Chat and an accuracy of 61% on QuillSet."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillBot") is EntityType.METHOD, typed  # "scores" is its verb here
    assert typed.get("grasp success rate") is EntityType.METRIC, typed
    assert not any("frame rate" in t for t in typed), typed  # a setting, not a score
    assert typed.get("Zorba-3-8B-Chat") is EntityType.METHOD, typed  # attacked, not data
    assert typed.get("QuillSet") is EntityType.DATASET, typed


def test_a_common_nouns_decoder_a_transfer_verb_and_scores_as_verb_or_metric(nlp):
    paper = make_paper("T", (
        "QuillOCR reads text with a transformer decoder. The policy transfers zero-shot to "
        "a robot. QuillSeg scores each frame, and its ZQM and PLORQ scores remain high."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("transformer decoder") is EntityType.METHOD, typed  # a part of its own
    assert "transformer" not in typed, typed
    assert not any(t.startswith("policy transfer") for t in typed), typed  # a verb
    assert typed.get("QuillSeg") is EntityType.METHOD, typed  # "scores each frame": a verb
    assert typed.get("PLORQ") is EntityType.METRIC, typed  # "PLORQ scores remain": a metric


def test_weakly_supervised_terms_units_held_out_and_searches(nlp):
    paper = make_paper("T", (
        "We study weakly supervised quill segmentation. QuillKWS draws 0.3 mW on a chip, "
        "judged by a held-out quill classifier. Composed quill retrieval searches for a "
        "target image."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("weakly supervised quill segmentation") is EntityType.TASK, typed
    assert "mW" not in typed, typed  # a unit
    assert typed.get("quill classifier") is EntityType.METHOD, typed  # not "held-out ..."
    assert typed.get("Composed quill retrieval") is EntityType.TASK, typed  # "searches": a verb


def test_overall_and_contain_are_no_part_of_a_term(nlp):
    paper = make_paper("T", (
        "QuillNet raises the overall accuracy and keeps the overall composition. Many "
        "solutions contain flawed quill parsing."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("accuracy") is EntityType.METRIC, typed
    assert not any(t.startswith(("overall", "contain")) for t in typed), typed


def test_languages_of_a_name_a_transfer_verb_units_and_a_year_after_a_name(nlp):
    paper = make_paper("T", (
        "Quill retrievers trained on English data transfer poorly. QuillRet gains across "
        "the 18 languages of ZQMIR, with errors of 21 meV on H&E slides, on the ZQ Quill "
        "Ranking 2022 track."))
    typed = labels_by_text(nlp, paper)
    assert not any("transfer" in t for t in typed), typed  # a verb
    assert typed.get("ZQMIR") is EntityType.DATASET, typed
    assert "meV" not in typed and "H&E" not in typed, typed
    assert "ZQ Quill Ranking 2022" in typed, typed  # the year is part of the name


def test_a_capitalised_stop_word_opens_a_name_places_are_no_names_and_fine_tuning(nlp):
    paper = make_paper("T", (
        "Fine-tuning quill models on private data is risky. On the Next Day Quill Spread "
        "dataset from stations in China and the United States, QuillCast wins."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("Next Day Quill Spread") is EntityType.DATASET, typed
    assert not any("States" in t for t in typed), typed  # a place
    assert typed.get("quill models") is EntityType.METHOD, typed  # "Fine-tuning" is a verb
    assert "Fine-tuning quill models" not in typed, typed


def test_a_numbered_task_a_setting_of_a_name_and_an_agency(nlp):
    paper = make_paper("T", (
        "On the QuillEval-2016 Task 6 and Z-Quill datasets, and in the zero-shot setting of "
        "QVAST, QuillNet wins; counts were reported to the CDC."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("QuillEval-2016 Task 6") is EntityType.DATASET, typed
    assert typed.get("QVAST") is EntityType.DATASET, typed
    assert "CDC" not in typed, typed  # an agency names no method or data


def test_verbs_prompt_and_receive_fine_tuned_and_capitalised_names_in_a_data_list(nlp):
    paper = make_paper("T", (
        "Recent methods prompt large quill models with the schema, so cold items receive "
        "collaborative quill embeddings from a fine-tuned quill model. On the Indigo Pines, "
        "Pavia Quill and Houston 2013 datasets, QuillMamba wins."))
    typed = labels_by_text(nlp, paper)
    assert typed.get("large quill models") is EntityType.METHOD, typed
    assert typed.get("collaborative quill embeddings") is EntityType.METHOD, typed
    assert typed.get("quill model") is EntityType.METHOD, typed  # not "fine-tuned quill model"
    assert not any(t.startswith(("prompt", "receive", "fine-tuned")) for t in typed), typed
    assert typed.get("Pavia Quill") is EntityType.DATASET, typed  # listed before "datasets"


def test_places_ordinals_accelerated_pieces_and_annotations_of_a_name(nlp):
    paper = make_paper("T", (
        "QuillCast uses data from a plant in Spain and 19th-century newspapers, with "
        "GPU-Accelerated search, trained on the evidence annotations of QuillRED and on the "
        "benchmarks of the QVNN-COMP 2023 competition."))
    typed = labels_by_text(nlp, paper)
    assert not {"Spain", "19th-century", "GPU-Accelerated"} & set(typed), typed
    assert typed.get("QuillRED") is EntityType.DATASET, typed
    assert typed.get("QVNN-COMP 2023") is EntityType.DATASET, typed


# Names and terms read off the own pages (examples/eval): each case a paper, the types kg
# must give some of its words (None: no entity) and the starts no entity may have.
D, M, T = EntityType.DATASET, EntityType.METHOD, EntityType.TASK
READ_OFF_PAGES = {
    # lists of names after a sentence-opening "over", hyphen-glued names in an opening list,
    # the title's name starting a run of its own, a name before "<task> <Name> reaches",
    # a decimal score after a name, a list of models, "automated" + task, "X head models"
    "lists-and-openings": ("QuillWave: Quill Tagging", (
        "In the leave-one-out protocol over QUL-NPU, QCAS-FASD, Idiap Quill-Attack and "
        "QSU-MFSD, QuillWave lowers the error. On QuillTagATune QuillWave reaches 92.8, on "
        "QuillTech 98.1, and on Quixtral-8x7B and QuillSeek-V2-Lite, QuillWave is fast. On "
        "QUILL16 lymph node quill detection QuillWave reaches 0.97. Automated quill "
        "captioning is new. A pedal head models the quill pedal."),
        {"QUL-NPU": D, "QCAS-FASD": D, "Idiap Quill-Attack": D, "QSU-MFSD": D,
         "QuillTagATune": D, "QuillTech": D, "QUILL16": D, "QuillSeek-V2-Lite": M,
         "lymph node quill detection": T, "Automated quill captioning": T,
         "QuillTagATune QuillWave": None, "QuillTech 98.1": None, "pedal head models": None},
        ()),
    # a one-digit version (not before a plural), a title's means after "by", UV, "correct"
    "versions-and-means": ("QuillOne: Quill Generation by Adversarial Quill Matching", (
        "QuillOne uses a QuillGemma 2 vision backbone and runs QuillNet 3 times in UV space; "
        "it reaches the correct quill diagnosis. On QuillBench 2 the model wins. Policies "
        "trained in QuillSim transfer zero-shot to robots; it reads SMILES strings on an RTX "
        "4090."),
        {"QuillGemma 2": M, "QuillNet": M, "Adversarial Quill Matching": M, "UV": None,
         "quill diagnosis": T, "QuillBench 2": D, "SMILES": None, "RTX": None},
        ("correct", "QuillSim transfer")),
    "adjectives": ("T", (
        "A streaming quill decoder, a deterministic quill operator, a heavy quill encoder and "
        "a short quill stage follow; the strongest quill model loses."),
        {"streaming quill decoder": M, "quill operator": M},
        ("deterministic", "heavy", "short", "strongest")),
    # a survey is data; "fine-tuning" alone is no entity
    "survey-and-fine-tuning": ("T", (
        "Spectra come from the QUILLS survey. Without fine-tuning, QuillNet wins; federated "
        "fine-tuning helps."),
        {"QUILLS": D, "fine-tuning": None, "federated fine-tuning": M}, ()),
    # a version after a name of several words; a count with capitals; a gazetteer alias
    "multi-word-versions": ("QuillOrbit: Generating Consistent 360-Degree Quill Views", (
        "It beats Quill Guard 3 and QuillNet; a Monte Carlo estimate helps."),
        {"Quill Guard 3": M, "360-Degree": None, "Monte Carlo estimate": M}, ()),
    # a gerund after "for" is a verb; measured "on" after a verb of improvement ("improving
    # on" compares); "ask", "editable"
    "gerunds-and-measures": ("T", (
        "We study QuillOpt for pretraining quill models. It reduces unsupported statements on "
        "QSQA and QLI5 by half, improving on QuillVAR. Researchers increasingly ask quill "
        "models, and an editable quill model helps."),
        {"quill models": M, "QSQA": D, "QLI5": D, "QuillVAR": M},
        ("pretraining", "ask", "editable")),
    # "built on X" names the model under something, like "based on X", whatever the
    # sentence evaluates
    "built-on": ("T", "We evaluate judges built on QuillGPT-4o and QuillKimi, in pairs.",
                 {"QuillGPT-4o": M, "QuillKimi": M}, ()),
    # verbs before a term: "To avoid reward hacking", "systems that run speaker diarization"
    "verbs": ("T", (
        "To avoid quill hacking, cascaded systems that run quill diarization fail; useful "
        "edits add quill verification to a basic QuillAct agent."),
        {"quill hacking": T, "quill diarization": T, "quill verification": T},
        ("avoid", "run", "add", "basic")),
    # the task a named benchmark tests ("the MS-CXR phrase grounding benchmark"), "3D" after
    # a name describes the data; "promise" is a verb; number formats are no models; a title
    # prefix with a comma is a phrase, not a name
    "benchmark-tasks-and-formats": ("Twisted Quills, Folded Pages: Quill Parsing at Scale", (
        "Quill models for quill stream forecasting promise zero-shot gains. On the QUILL-CXR "
        "quill grounding benchmark and the QuillRefer 3D quill grounding benchmark, QuillNet "
        "runs in FP16 and BF16. The QACD cardiac dataset has no task."),
        {"QUILL-CXR": D, "quill grounding": T, "QuillRefer": D, "3D quill grounding": T,
         "quill stream forecasting": T, "FP16": None, "BF16": None, "QACD": D},
        ("Twisted", "promise", "cardiac")),
    # a name's plural product is no task ("82% of CoFlow designs"); "like" and "reason" end
    # a term; a group (SE(3)) is no data; "3D" between a name and its data noun
    "products-and-breaks": ("T", (
        "Of QuillFlow designs, 82% refold. Quill methods like QuillAdapter fail. It is the main "
        "reason quill diffusion models win. Frames lie on SE(3). On the Quill-Campinas 3D "
        "dataset it works."),
        {"QuillFlow": M, "QuillAdapter": M, "quill diffusion models": M, "SE(3)": None,
         "Quill-Campinas": D, "QuillFlow designs": None},
        ("like", "reason")),
    # the verb after "we" and an adverb ("We then cover"); a name glued to a participle
    # ("KL-regularised") is an adjective
    "subject-adverb-verbs": ("T", (
        "We then cover quill algorithms in depth. We also study quill detection. It adds a "
        "QL-regularised objective."),
        {"quill algorithms": M, "quill detection": T, "QL-regularised": None,
         "QL-regularised objective": M},
        ("cover", "study")),
    # a function of a variable and a unit are no names
    "math-and-units": ("T", (
        "The gap is close to 2 sqrt(d-1) for QuillGraph. Its error is 28 meV/Å on forces."),
        {"QuillGraph": M, "sqrt(d-1)": None, "meV/Å": None}, ("sqrt", "meV")),
    # "improving on X" compares with X even after data words; "seven", "recommend" and
    # comparatives ("deeper") end a term
    "comparisons-and-counts": ("T", (
        "It localizes quills on the QuillSet benchmarks with an IoU of 0.4, improving on "
        "QuillVSL and QuillAVC by 5 points. We test seven quill decoders and recommend "
        "reporting quill baselines; a deeper quill network helps."),
        {"QuillSet": D, "QuillVSL": M, "QuillAVC": M, "quill decoders": M,
         "quill network": M}, ("seven", "recommend", "deeper")),
    # "hurt" is a verb; devices, an operating system and a standards body are no names
    "verbs-and-devices": ("T", (
        "Tokens hurt quill detection. QuillNet runs on an iPad with Android, on IEEE cases."),
        {"quill detection": T, "QuillNet": M, "iPad": None, "Android": None, "IEEE": None},
        ("hurt",)),
    # "X recognizer" is X; transcription is a task; "X-F1" a metric; a task done by a
    # method ("transformer-based") is the task, one made of what it works from is not
    "recognizers-and-transcription": ("T", (
        "It cuts the error of a downstream QuillNet recognizer. We study long-form quill "
        "transcription and reach a Quill-F1 of 79.6. It addresses transformer-based quill "
        "transcription and structure-based quill design."),
        {"QuillNet": M, "QuillNet recognizer": None, "long-form quill transcription": T,
         "Quill-F1": EntityType.METRIC, "quill transcription": T,
         "transformer-based quill transcription": None, "structure-based quill design": T},
        ()),
    # "ground", "include" and "way" end a term; "-shaped" makes an adjective; REST APIs
    # are no names
    "verbs-shapes-and-apis": ("T", (
        "It is the way to ground quill models. Open problems include quill retrieval over "
        "long texts. The U-shaped quill curve vanishes when QuillNet calls REST APIs."),
        {"quill models": M, "quill retrieval": T, "U-shaped": None, "REST": None,
         "APIs": None, "QuillNet": M}, ("ground", "include", "way")),
    # a task head in the plural names products ("human translations"); "accumulate" and
    # "limited" end a term
    "products-and-verbs": ("T", (
        "Published human quill translations keep style. Cascaded quill systems of quill "
        "recognition and quill translation accumulate errors; limited quill translation "
        "data hurts."),
        {"quill recognition": T, "quill translation": T,
         "human quill translations": None, "quill translation data": None},
        ("Published", "human", "accumulate", "limited")),
    # "recast" is a verb; a microcontroller is no name
    "verbs-and-chips": ("T", (
        "QuillDETR recast quill detection as set prediction. It runs on an ARM Cortex-M7."),
        {"QuillDETR": M, "quill detection": T, "ARM": None, "Cortex-M7": None},
        ("QuillDETR recast",)),
    # "cannot" (two tokens written as one word) ends a term like "can not"
    "cannot": ("T", "Quill models understand it but cannot output quill segmentation.",
               {"quill segmentation": T, "Quill models": M}, ("cannot", "output")),
    # representation learning of a kind of data is a field's goal, a task
    "representation-learning": ("T", "We study self-supervised quill representation learning.",
                                {"self-supervised quill representation learning": T}, ()),
    # a digit glued to "-Bit" is a width, no version of the name before it ("Fine-Tuning 4");
    # "1.58-Bit" and "float32" are no names; a known name ending with a common word is no
    # model's, so "KV Cache Quantization" stays whole; "routing" heads a method; "serve",
    # "feed", "motivate", "propagate", "plain" and "billion-scale" end or open no term
    "widths-caches-and-routing": ("Fine-Tuning 4-Bit Quill Models with KV Cache Quantization", (
        "Quill weights are kept in float32 for 1.58-Bit quill models. We serve quill models "
        "whose tokens feed quill language models; quill-aware routing and plain quill "
        "quantization motivate quill routing objectives; cascades propagate quill errors in "
        "billion-scale quill search."),
        {"KV Cache Quantization": M, "quill-aware routing": M, "quill quantization": M,
         "1.58-Bit": None, "float32": None},
        ("Fine-Tuning 4", "serve", "feed", "motivate", "propagate", "plain", "billion")),
    # companies and agencies name no method; a short acronym with a digit is a model's name,
    # which a hyphenated kind after it does not swallow; "convolution" heads a method
    "companies-versions-and-convolutions": ("T", (
        "We compare with forecasts from ECMWF and models from Anthropic and Google DeepMind. "
        "A small QT5 encoder-decoder uses gated quill convolution."),
        {"QT5": M, "encoder-decoder": M, "gated quill convolution": M, "ECMWF": None,
         "Anthropic": None, "Google DeepMind": None, "QT5 encoder-decoder": None}, ()),
    # a term that cuts a known name loses to it though longer; "filter" heads a method
    "cut-names-and-filters": ("T", (
        "Features from the Segment Anything Model define quill masks. A screen-space quill "
        "filter removes aliasing."),
        {"Segment Anything Model": M, "screen-space quill filter": M}, ("Model",)),
    # a known dataset and a known task before "benchmark" are two names; "wrong",
    # "subsequent", "measure" and "reuse" open or end no term
    "known-dataset-and-task": ("T", (
        "On the Spider text-to-SQL benchmark, QuillFix improves accuracy; errors come from "
        "wrong quill localization. A subsequent quill tuning stage helps. We measure quill "
        "prediction loss. Methods such as Prompt-to-Prompt reuse quill attention."),
        {"Spider": D, "text-to-SQL": T, "quill localization": T, "Spider text-to-SQL": None,
         "quill tuning": M, "Prompt-to-Prompt": M}, ("wrong", "subsequent", "measure",
                                                     "Prompt-to-Prompt reuse")),
    # a size word after a known model names that model's size, before "model" or a stop,
    # not before another word; an RL algorithm's agents are the algorithm; a term ending
    # with a known task is that task, a name ending with a known dataset is data;
    # "N-best" names nothing
    "sizes-agents-and-known-tails": ("T", (
        "We compare Whisper small, a Whisper large model and BERT base. GPT-4 large language "
        "models are strong. We train PPO agents and LLM agents. We study rehearsal-free "
        "class-incremental learning on Continual Google Landmarks. We rescore N-best lists."),
        {"Whisper small": M, "Whisper large": M, "BERT base": M, "GPT-4": M, "PPO": M,
         "LLM agents": M, "rehearsal-free class-incremental learning": T,
         "Continual Google Landmarks": D, "PPO agents": None, "Whisper large model": None},
        ("N-best", "GPT-4 large")),
    # a name after "<list>, from a" is no data source (a comma is no number), while "On X"
    # opening a sentence still names data; a capitalised "Vision" is a model's tier;
    # "survive" opens no term
    "clause-marks-tiers-and-survive": ("Backdoors in Quill Models Survive Pruning", (
        "We measure 14 classifiers, from a QuillNet-121 trained on CheXpert to larger models. "
        "It scores well. On QuillSet, it gets 21% on GPT-4V and 15% on Gemini Pro Vision."),
        {"QuillNet-121": M, "QuillSet": D, "GPT-4V": M, "Gemini Pro Vision": M},
        ("Quill Models Survive",)),
    # a survey's "X: A Survey of ..." names the field it reviews, which is no data; a
    # T-shirt is no name
    "survey-titles": ("QuillOps: A Survey of Quill Scheduling", (
        "We review how robots fold T-shirts with quill scheduling."),
        {"QuillOps": M}, ("T-shirt",)),
    # a title's "Transfer" after a plural subject is its verb
    "title-verbs": ("QuillNet: Quill Models Transfer Web Knowledge to Robotic Control",
                    "We study QuillNet.", {"QuillNet": M, "Quill Models": M},
                    ("Quill Models Transfer",)),
    # two sensors joined by a hyphen, and a scan's modality, name nothing; "deploy" opens
    # no term
    "sensors-and-deploy": ("LiDAR-Camera Fusion for Quill Detection", (
        "Existing approaches either deploy standalone quill detectors or fuse them. We use "
        "masks from CT, MRI and PET. Agents navigate via URLs; models reach near-perfect "
        "quill detection, despite QNNs revolutionizing quill retrieval. We find "
        "high-performance quill architectures from high-confidence quill prediction."),
        {"Quill Detection": T, "standalone quill detectors": M, "quill detection": T},
        ("LiDAR-Camera", "deploy", "PET", "URL", "near-perfect", "QNNs revolutionizing",
         "high-performance", "high-confidence")),
    # a title's "Transfers" before an adverb is its verb whatever its subject; "brought",
    # "design" and "rank" after a plural, and a word after "and then", are verbs; a place
    # named from a compass point is no method; an object that repeats the task's noun
    # ("quill detection of oriented quills") leaves the task as it is; "XL" is a tier
    "verbs-places-and-tiers": ("Pretraining for Quill Clouds Transfers Poorly Across Domains", (
        "QuillNet brought attention to quill neighborhoods. Many papers design "
        "rotation-invariant quill networks. The proxies rank quill autoencoders well. We map "
        "quills over the West African Sahel with QuillSeg. We review quill detection of "
        "oriented quills. We describe the data, and then cover quill foundation models. We "
        "test RoBERTa XL."),
        {"QuillNet": M, "rotation-invariant quill networks": M, "quill autoencoders": M,
         "QuillSeg": M, "quill detection": T, "quill foundation models": M, "RoBERTa XL": M},
        ("Quill Clouds", "QuillNet brought", "design", "rank", "West African", "cover",
         "oriented quill", "XL")),
    # a variety of a language is no method; a known method's name and one task word name
    # the method used ("with BM25 retrieval"); "test" after a plural subject is a verb
    "dialects-and-used-methods": ("QuillFilter Removes Dialects", (
        "Text in Nigerian Pidgin, Swiss German and Egyptian Arabic is dropped by QuillFilter. "
        "With BM25 retrieval, recall rises. Benchmarks mostly test retrieval of facts."),
        {"QuillFilter": M, "BM25": M},
        ("Nigerian", "Swiss", "Egyptian", "BM25 retrieval", "test", "QuillFilter Removes")),
    # MIDI is a file format, no name; a CLAP score is a metric, not the CLAP model
    "formats-and-scores": ("QuillBeat: Quill Accompaniment", (
        "QuillBeat writes MIDI events that QuillSynth renders, scored by CLAP score."),
        {"QuillBeat": M, "CLAP score": EntityType.METRIC}, ("MIDI",)),
    # a proposed name with an "Eval" piece is data, wherever the piece sits
    "eval-benchmarks": ("QuillEval-Code: Can Models Read Quills?", (
        "We present QuillEval-Code, which asks questions about quills. We also build "
        "Quill-Eval, 400 tasks that need quills."),
        {"QuillEval-Code": D, "Quill-Eval": D}, ()),
    # "today" and "reflect" open no term
    "today-and-reflect": ("QuillQA: Quill Answers", (
        "Today quill models answer questions from memory. Reported gains partly reflect "
        "quill matching."), {"quill models": M}, ("Today", "today", "reflect")),
    # "inspired", "derive" and "fixed" open no term; "-pretrained" makes an adjective, so
    # "DINO-pretrained" is no name, DINO is; "N-gram" is none either; personalization heads
    # a task
    "verbs-pieces-and-personalization": ("Quill Personalization for Quill Captioning", (
        "A feat that inspired quill segmentation. We record quills and derive dense quill "
        "flow at fixed quill encoder size, on top of a DINO-pretrained QuillViT. N-gram "
        "metrics miss it."),
        {"Quill Personalization": T, "quill segmentation": T, "dense quill flow": M,
         "DINO": M, "QuillViT": M},
        ("inspired", "derive", "fixed", "DINO-", "N-gram")),
    # a name before a vague head after an adjective piece is the name ("RL-trained"), as after
    # lower-case words; "preferred" opens no term; KKT (conditions) is no name
    "adjective-piece-name-and-prefer": ("QuillRL: Quill Rewards", (
        "We compare base and RL-trained QuillLM models. People preferred quill diffusion at a "
        "KKT point."), {"QuillLM": M}, ("RL-trained", "People", "people", "preferred", "KKT")),
    # a plural's possessive ends a term as a singular's does; "store" after a plural subject
    # is a verb; reject, degrade, deployed and perform(ing) open no term; NP-hard is no name
    "possessive-plural-and-verbs": ("QuillSearch: Quill Retrieval", (
        "QuillSearch beats the archives' quill search. Quill services store quill embeddings. "
        "Masks degrade quill segmentation, so models learn to reject quill attacks with a "
        "deployed quill detection model, for users performing quill search. It is NP-hard."),
        {"quill search": M, "quill embeddings": M, "quill segmentation": T},
        ("archives", "store", "degrade", "reject", "deployed", "performing", "NP-hard")),
    # the names a task kind lists are methods that do it, unless one of them is a dataset:
    # then all are ("tasks, including QuillQA-Hard, BoolQ and OpenBookQA")
    "task-list-with-a-dataset": ("QuillCal: Calibrated Quills", (
        "On six reasoning tasks with QuillLM-7B, including QuillQA-Hard, BoolQ and "
        "OpenBookQA, it works. We study shape completion, such as QuillFill and QuillNet."),
        {"QuillQA-Hard": D, "BoolQ": D, "QuillFill": M, "QuillNet": M}, ()),
    # a name after "on a" is a thing one works on, not data: "On a QuillBot H1 robot, ..."
    # (but "On QuillSet, ..." is where results were measured)
    "on-a-thing": ("QuillWalk: Quill Robots", (
        "It works in simulation. On a QuillBot H1 robot, the policy completes 9 tasks. On "
        "QuillSet-7, it improves."), {"QuillBot H1": M, "QuillSet-7": D}, ()),
    # a one-word item of a task kind's list that shares the next item's head names nothing
    # alone ("tasks, including organ | and tumor segmentation"); a task head alone does
    "elliptic-list-item": ("QuillRad: Quill Radiology", (
        "On 38 tasks, including organ and quill segmentation on QuillSeg-8, it works. Other "
        "tasks, e.g., classification and detection, improve."),
        {"quill segmentation": T, "classification": T, "detection": T}, ("organ",)),
    # a title's "Breaks" is its verb ("Why Quill Quantization Breaks | Quill Denoising")
    "breaks-is-a-verb": ("Why Quill Quantization Breaks Quill Denoising and How to Fix It", (
        "We study quill quantization."), {"Quill Quantization": M}, ("Breaks", "breaks")),
    # gazetteer, seventeenth pass: a benchmark named after a source is not the source
    # ("Wizard of Wikipedia"), few-shot learning is a task, Meta-Dataset is data
    "dialogue-and-few-shot-names": ("QuillChat: Quill Dialogue", (
        "QuillChat improves few-shot learning on Meta-Dataset and responses on Wizard of "
        "Wikipedia."), {"QuillChat": M, "few-shot learning": T, "Meta-Dataset": D,
                        "Wizard of Wikipedia": D}, ("Wikipedia",)),
}


@pytest.mark.parametrize("case", sorted(READ_OFF_PAGES))
def test_names_and_terms_read_off_the_own_pages(nlp, case):
    title, abstract, types, not_starts = READ_OFF_PAGES[case]
    typed = labels_by_text(nlp, make_paper(title, abstract))
    for text, label in types.items():
        assert typed.get(text) is label, (text, typed)
    assert not any(t.startswith(not_starts) for t in typed if not_starts), typed


@pytest.mark.parametrize("title, abstract, name", [
    # the first proposal defines the name; a later one ("We release X") says less
    ("QuillSafe: Evaluating Quill Robustness of Quill Agents",
     "We introduce QuillSafe, a benchmark of 3,100 quill tasks. We release QuillSafe with a "
     "leaderboard.", "QuillSafe"),
    # "bench" makes data though a known model word ("LLM") is glued to it
    ("QuillBench-LLM: Do Quills Reason?", "We introduce QuillBench-LLM, a benchmark of 2,000 "
     "problems.", "QuillBench-LLM"),
    # so does "-Data" at a name's end, where nothing else says it is data
    ("QuillEdit-Data: Pairs for Quill Editing", "We build QuillEdit-Data, with 1.2 million "
     "pairs of quills.", "QuillEdit-Data"),
])
def test_a_proposed_benchmark_is_data_in_every_mention(nlp, title, abstract, name):
    found_ = found(nlp, make_paper(title, abstract))
    assert {m.label for m in found_ if m.text == name} == {EntityType.DATASET}, found_


def test_a_titles_elliptic_conjunct_names_its_task(nlp):
    paper = make_paper("QuillAudio: A Unified Model for Video-to-Quill and Text-to-Quill Generation",
                       "QuillAudio generates quills.")
    found_ = found(nlp, paper)
    assert any(m.text == "Video-to-Quill" and m.long_form == "Video-to-Quill Generation"
               and m.label is EntityType.TASK for m in found_), found_
