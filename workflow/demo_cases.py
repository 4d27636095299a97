"""Demo cases loaded by `manage.py load_demo`, so the staff interface shows a lived-in system.

Each case is submitted through `process.complaint_submit` and then driven through its real
process as the demo staff of `portal/demo_content.py` (intake, handler, handler2, supervisor,
reviewer) with `scenarios.CaseDriver`, complaints and suggestions and compliments alike (the
short FeedbackFlow: answered by the owning team, which closes them). Each step
runs the service of the staff task form and completes the Viewflow task, so a case's history,
tasks and notifications are exactly what the staff interface would leave. Together the cases
stand in every step of the process, in the five languages of the portal.

Each case has a fixed submission key (uuid5 of its slug): a case that exists already is left
as it is, whatever happened to it since (staff may well have moved it on), so a second run
creates nothing.

What the complainant reads (the description, messages, decisions, review outcomes, notes on
closing) is in the case's language; what only staff read (findings, root causes, internal notes,
approval comments) is in English, the staff's working language.
"""

import uuid
from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import process, services
from .models import Case, Category, HandlingSettings, Priority
from .scenarios import CaseDriver

NAMESPACE = uuid.UUID("6f0c8a52-3d9e-4b7a-9c41-2e5d7f1a8b63")

# The handler who takes a category's cases, by the category's owning team (a member of it).
HANDLER_BY_TEAM = {
    "billing": "handler",
    "customer-service": "handler",
    "technical-services": "handler2",
}
STAFF_USERNAMES = ("intake", "handler", "handler2", "supervisor", "reviewer")
# Channels on which a member of staff records the case for the complainant.
STAFF_CHANNELS = {Case.Channel.EMAIL, Case.Channel.PHONE, Case.Channel.POST, Case.Channel.COUNTER}


def submission_key(slug: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"demo-case-{slug}")


# Told with the outcome of a review, after "If you are still not satisfied, you can turn to:".
EXTERNAL_RECOURSE = {
    "en": (
        "- the independent consumer ombudsman, who looks into complaints about public services "
        "free of charge (quote your tracking number);\n"
        "- the regulator for our sector, on tariffs, billing rules or the quality of service;\n"
        "- the courts: you keep this right in every case."
    ),
    "ar": (
        "- أمين المظالم المستقل لشؤون المستهلكين، وهو جهة تنظر مجانًا في الشكاوى المتعلقة "
        "بالخدمات العامة (اذكروا رقم التتبع الخاص بكم)؛\n"
        "- الجهة التنظيمية المختصة بقطاعنا، في المسائل المتعلقة بالتعرفة وقواعد الفوترة وجودة "
        "الخدمة؛\n"
        "- المحاكم المختصة: يبقى هذا الحق مكفولًا لكم في جميع الأحوال."
    ),
    "el": (
        "- τον ανεξάρτητο φορέα διαμεσολάβησης για τους καταναλωτές, που εξετάζει δωρεάν "
        "παράπονα για δημόσιες υπηρεσίες (αναφέρετε τον αριθμό παρακολούθησής σας)·\n"
        "- τη ρυθμιστική αρχή του τομέα μας, για θέματα τιμολογίων, κανόνων χρέωσης ή ποιότητας "
        "των υπηρεσιών·\n"
        "- τα δικαστήρια· το δικαίωμα αυτό το διατηρείτε σε κάθε περίπτωση."
    ),
    "it": (
        "- il difensore civico per i consumatori, un organismo indipendente che esamina "
        "gratuitamente i reclami sui servizi pubblici (indica il tuo numero di pratica);\n"
        "- l'autorità di regolazione del nostro settore, per questioni di tariffe, regole di "
        "fatturazione o qualità del servizio;\n"
        "- il giudice: questo diritto ti resta in ogni caso."
    ),
    "tr": (
        "- tüketicilere yönelik bağımsız kamu denetçisi (ombudsman): kamu hizmetleriyle ilgili "
        "şikâyetleri ücretsiz inceler (takip numaranızı belirtin);\n"
        "- sektörümüzün düzenleyici kurumu: tarifeler, faturalandırma kuralları veya hizmet "
        "kalitesiyle ilgili konularda;\n"
        "- mahkemeler: bu hakkınız her durumda saklıdır."
    ),
}

# --- The cases ----------------------------------------------------------------------------------
# Each spec: the submission (kind, channel, category code, language, complainant, texts;
# `occurred_days_ago` becomes the date it happened), then `steps`, run in order:
#   ("assess", {"severity": ..., "priority": code or None for the default})
#   ("investigate", {"findings", "root_cause"}), ("respond", {"decision", "compensation"}),
#   ("approve", {"approved", "comments"}), ("reply", {"accepted", "reasons"}),
#   ("review", {"result", "outcome"}), ("close", {"note"}) — the steps of a complaint;
#   ("answer", {"answer"}) — the one step of a suggestion or compliment, which closes it;
#   ("message", {"text"}) from the handler to the complainant; ("note", {"text", "by"}) internal,
#   by "intake" or the case's "handler"; ("information", {"text"}) added by the complainant;
#   ("survey", {"overall", "ease", "fairness", "timeliness", "comment"}) after closing.

DEMO_CASES = [
    # --- Being assessed ---------------------------------------------------------------------
    {
        "slug": "double-direct-debit",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.WEB,
        "category": "billing-payments",
        "language": "en",
        "complainant": {"name": "Sarah Mitchell", "email": "sarah.mitchell@example.org"},
        "occurred_days_ago": 2,
        "product_service": "Direct debit",
        "description": (
            "The direct debit for this month's bill was taken twice: two payments of €84.20 "
            "left my account on the same morning. I only have one account with you, and the "
            "bill itself shows the amount once. It has left me short for the rest of the month."
        ),
        "desired_outcome": (
            "Please refund the second payment as soon as possible and make sure it does not "
            "happen again next month."
        ),
        "steps": [],
    },
    {
        "slug": "missed-meter-appointment",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.PHONE,
        "category": "delivery-appointments",
        "language": "tr",
        "complainant": {"name": "Mehmet Kaya", "phone": "+90 533 010 4477"},
        "occurred_days_ago": 1,
        "product_service": "Sayaç değişimi",
        "description": (
            "Dün sayaç değişimi için saat 09.00 ile 13.00 arasına randevum vardı. İşten izin "
            "alıp bütün gün evde bekledim ama kimse gelmedi, arayan da olmadı. Akşam müşteri "
            "hizmetlerini aradığımda randevunun sistemde görünmediğini söylediler."
        ),
        "desired_outcome": (
            "Yeni bir randevu verilmesini ve bu kez gerçekten gelinmesini istiyorum. Boşa "
            "giden iş günüm için de bir açıklama bekliyorum."
        ),
        "steps": [
            (
                "note",
                {
                    "by": "intake",
                    "text": (
                        "Called from his mobile; prefers to be called back after 5 pm. He has "
                        "the appointment confirmation by SMS and can forward it."
                    ),
                },
            ),
        ],
    },
    # --- Under investigation ------------------------------------------------------------------
    {
        "slug": "online-payment-not-credited",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.WEB,
        "category": "website-digital",
        "language": "ar",
        "complainant": {"name": "سلمى الخوري", "email": "salma.khoury@example.net"},
        "occurred_days_ago": 4,
        "product_service": "الدفع الإلكتروني عبر الموقع",
        "description": (
            "حاولت قبل أربعة أيام دفع فاتورتي عبر موقعكم الإلكتروني، فظهرت لي رسالة تفيد بأن "
            "عملية الدفع لم تكتمل، لكن المبلغ (62.50 يورو) خُصم من حسابي المصرفي. وبعد يومين "
            "وصلتني رسالة تذكير بأن الفاتورة ما زالت غير مسددة، وأخشى أن تُفرض عليّ غرامة تأخير."
        ),
        "desired_outcome": (
            "أرجو التأكد من وصول المبلغ واحتسابه لفاتورتي وإلغاء أي غرامة تأخير، أو إعادة المبلغ "
            "إليّ إن لم يصل إليكم."
        ),
        "steps": [
            ("assess", {"severity": Case.Severity.MEDIUM}),
            (
                "message",
                {
                    "text": (
                        "شكرًا لتواصلكم معنا. لكي نتتبع عملية الدفع لدى مزوّد خدمة الدفع، نرجو "
                        "أن تزودونا بالوقت التقريبي للعملية والرقم المرجعي الظاهر في كشف حسابكم "
                        "المصرفي. يُرجى عدم إرسال رقم بطاقتكم المصرفية."
                    ),
                },
            ),
            (
                "information",
                {
                    "text": (
                        "تمت العملية في ذلك اليوم نحو الساعة 8:40 مساءً، والرقم المرجعي في كشف "
                        "الحساب هو PAY-7731-0425. ظهرت رسالة الخطأ مباشرة بعد الضغط على زر "
                        "«ادفع الآن»."
                    ),
                },
            ),
            (
                "note",
                {
                    "by": "handler",
                    "text": (
                        "Payment provider's log: the payment was authorised, but their "
                        "confirmation to our billing system timed out, so the bill stayed "
                        "unpaid. Asked the provider to confirm settlement before we credit the "
                        "account; the late fee is on hold."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "lift-out-of-order",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.WEB,
        "category": "service-quality",
        "language": "el",
        "complainant": {},
        "occurred_days_ago": 0,
        "location": "Κέντρο εξυπηρέτησης πελατών",
        "description": (
            "Ο ανελκυστήρας στο κέντρο εξυπηρέτησης είναι χαλασμένος εδώ και τουλάχιστον τρεις "
            "εβδομάδες. Τα γκισέ για τους λογαριασμούς βρίσκονται στον πρώτο όροφο, και όποιος "
            "δεν μπορεί να ανέβει σκάλες πρέπει να περιμένει στην είσοδο μέχρι να κατέβει κάποιος "
            "υπάλληλος. Σήμερα μια κυρία με αναπηρικό αμαξίδιο περίμενε πάνω από μισή ώρα."
        ),
        "desired_outcome": (
            "Να επισκευαστεί ο ανελκυστήρας και, μέχρι τότε, να λειτουργεί ένα γκισέ στο ισόγειο."
        ),
        "steps": [
            ("assess", {"severity": Case.Severity.HIGH, "priority": "high"}),
            (
                "note",
                {
                    "by": "handler",
                    "text": (
                        "Facilities: the lift is waiting for a spare part, expected in about two "
                        "weeks. Asked the centre manager to open a ground-floor desk from Monday "
                        "and to put up a sign at the entrance."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "suggestion-bill-archive",
        "kind": Case.Kind.SUGGESTION,
        "channel": Case.Channel.WEB,
        "category": "website-digital",
        "language": "en",
        "complainant": {},
        "product_service": "Online account",
        "description": (
            "It would be really helpful if past bills could be downloaded as PDFs from the "
            "online account. At the moment only the last three bills are shown, and only on "
            "screen. I needed a year of bills for my tax return and a housing benefit claim, and "
            "had to ask for paper copies by post."
        ),
        "desired_outcome": "An option to download the bills of the last two years as PDF files.",
        "steps": [
            (
                "note",
                {
                    "by": "handler",
                    "text": (
                        "Discussed with the web team: the billing system already exposes the "
                        "bill archive, so a download page is feasible. Proposed for the next "
                        "roadmap review; answer once it has been decided."
                    ),
                },
            ),
        ],
    },
    # --- Response being prepared ----------------------------------------------------------------
    {
        "slug": "rude-counter-officer",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.EMAIL,
        "category": "staff-conduct",
        "language": "it",
        "complainant": {"name": "Francesca Conti", "email": "francesca.conti@example.org"},
        "occurred_days_ago": 3,
        "location": "Centro servizi, sportello informazioni",
        "description": (
            "L'altra mattina sono andata allo sportello per chiedere un duplicato della bolletta. "
            "L'impiegato mi ha risposto in modo sgarbato, ha alzato la voce davanti alle altre "
            "persone in fila e mi ha detto di «informarmi prima di venire a far perdere tempo». "
            "Mi sono sentita umiliata. Capisco che ci fosse molta gente, ma questo non giustifica "
            "un comportamento del genere."
        ),
        "desired_outcome": (
            "Vorrei delle scuse e che il personale allo sportello venisse richiamato a un "
            "comportamento più rispettoso."
        ),
        "steps": [
            ("assess", {"severity": Case.Severity.MEDIUM}),
            (
                "investigate",
                {
                    "findings": (
                        "Spoke to the counter officer and the team leader on duty. The officer "
                        "confirms the exchange and that he raised his voice. The queue was over "
                        "40 minutes that morning because two colleagues were off sick. He is "
                        "sorry and would like to apologise to Ms Conti in person if she agrees."
                    ),
                    "root_cause": (
                        "Counter understaffed at peak time: no cover arranged when colleagues "
                        "are absent."
                    ),
                },
            ),
        ],
    },
    # --- Response being approved (high severity) ------------------------------------------------
    {
        "slug": "disconnected-despite-payment",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.POST,
        "category": "billing-payments",
        "language": "el",
        "complainant": {"name": "Γιώργος Αντωνίου", "phone": "+30 694 010 2030"},
        "occurred_days_ago": 12,
        "product_service": "Διακοπή και επανασύνδεση παροχής",
        "description": (
            "Σας γράφω επειδή πριν από δώδεκα ημέρες διακόψατε την παροχή στο σπίτι μου λόγω "
            "ληξιπρόθεσμης οφειλής, ενώ είχα εξοφλήσει τον λογαριασμό δέκα ημέρες νωρίτερα στο "
            "ταχυδρομείο. Έχω την απόδειξη πληρωμής και μπορώ να σας τη δείξω. Μείναμε τρεις "
            "ημέρες χωρίς παροχή, με δύο μικρά παιδιά και την ηλικιωμένη μητέρα μου στο σπίτι, "
            "και για την επανασύνδεση μου χρεώσατε και 35 ευρώ."
        ),
        "desired_outcome": (
            "Ζητώ γραπτή εξήγηση για το πώς έγινε αυτό, να διαγραφεί το τέλος επανασύνδεσης και "
            "να αποζημιωθώ για την ταλαιπωρία."
        ),
        "steps": [
            ("assess", {"severity": Case.Severity.HIGH, "priority": "high"}),
            (
                "investigate",
                {
                    "findings": (
                        "Paid at the post office ten days before the disconnection; the post "
                        "office's batch file reached us twelve days after the payment, so the "
                        "account still showed as overdue when the disconnection list was "
                        "produced. Reconnection fee of €35 charged. Three days without supply, "
                        "in a household with two young children and an elderly person."
                    ),
                    "root_cause": (
                        "The disconnection list does not allow for payments still in transit "
                        "from the post office's batch files."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "Σας ζητούμε συγγνώμη. Η πληρωμή σας έγινε εμπρόθεσμα, αλλά καταχωρίστηκε "
                        "στο σύστημά μας με καθυστέρηση, γι' αυτό η διακοπή δεν έπρεπε να γίνει. "
                        "Σας καταβάλλουμε αποζημίωση 150 € για την ταλαιπωρία, με πίστωση στον "
                        "επόμενο λογαριασμό σας."
                    ),
                    "compensation": Decimal("150.00"),
                },
            ),
            (
                "approve",
                {
                    "approved": False,
                    "comments": (
                        "Fine on the amount, but say explicitly that the €35 reconnection fee "
                        "is cancelled, and tell him what we are changing so that it does not "
                        "happen again."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "Σας ζητούμε ειλικρινά συγγνώμη. Πληρώσατε εμπρόθεσμα, αλλά η πληρωμή σας "
                        "έφτασε σε εμάς με καθυστέρηση από το ταχυδρομείο και η διακοπή δεν έπρεπε "
                        "να γίνει. Διαγράφουμε το τέλος επανασύνδεσης των 35 € και σας "
                        "καταβάλλουμε αποζημίωση 150 € για την ταλαιπωρία· και τα δύο ποσά θα "
                        "πιστωθούν στον επόμενο λογαριασμό σας. Αλλάζουμε επίσης τη διαδικασία "
                        "μας: πριν από κάθε διακοπή θα ελέγχουμε πλέον και τις πληρωμές που "
                        "βρίσκονται ακόμη καθ' οδόν από το ταχυδρομείο."
                    ),
                    "compensation": Decimal("150.00"),
                },
            ),
        ],
    },
    # --- Decision sent, waiting for the reply ---------------------------------------------------
    {
        "slug": "replacement-bin-never-delivered",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.COUNTER,
        "category": "delivery-appointments",
        "language": "en",
        "complainant": {"name": "David Okafor", "email": "david.okafor@example.net"},
        "occurred_days_ago": 35,
        "location": "Flat 12, Harbour View",
        "product_service": "Replacement recycling bin",
        "description": (
            "This is the third time I have asked for a replacement recycling bin. Our old one "
            "was cracked by the collection lorry five weeks ago. Each time I was told it would be "
            "delivered within ten working days, and each time nothing came. Meanwhile our "
            "recycling is piling up in bags in the hallway. I have come in person because "
            "phoning has not helped."
        ),
        "desired_outcome": "A delivery date that is actually kept.",
        "steps": [
            ("assess", {"severity": Case.Severity.MEDIUM}),
            (
                "investigate",
                {
                    "findings": (
                        "Both replacement orders were logged under flat 2 instead of flat 12; "
                        "the depot could not deliver and cancelled them as undeliverable "
                        "without telling the customer."
                    ),
                    "root_cause": (
                        "Flat number typed into a free-text field; undeliverable orders are "
                        "cancelled without contacting the customer."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "We are sorry. Your requests were recorded with the wrong flat number "
                        "(2 instead of 12), so our depot could not deliver the bin and cancelled "
                        "the orders without letting you know. We have corrected your address, and "
                        "a new bin will be delivered on Thursday morning; the driver will ring "
                        "your bell. We have also changed our procedure: an order can no longer be "
                        "cancelled without first contacting the customer."
                    ),
                },
            ),
        ],
    },
    # --- Contested, under independent review ----------------------------------------------------
    {
        "slug": "late-payment-fee-contested",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.WEB,
        "category": "billing-payments",
        "language": "it",
        "complainant": {"name": "Luca Ferraro", "email": "luca.ferraro@example.net"},
        "occurred_days_ago": 20,
        "product_service": "Bolletta",
        "description": (
            "Nell'ultima bolletta mi è stata addebitata una mora di 12 euro per ritardato "
            "pagamento. Ho pagato con bonifico il giorno stesso della scadenza, che però cadeva "
            "di venerdì, e la banca ha accreditato l'importo solo il lunedì successivo. Non mi "
            "sembra giusto pagare una penale per un ritardo che non dipende da me."
        ),
        "desired_outcome": "Chiedo l'annullamento della mora di 12 euro.",
        "steps": [
            ("assess", {"severity": Case.Severity.LOW}),
            (
                "investigate",
                {
                    "findings": (
                        "Transfer ordered on the due date (a Friday) and credited on the "
                        "following Monday. Under the terms of service a payment counts on the "
                        "day it is credited; the back of the bill says so. There is no grace "
                        "period for weekends."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "Abbiamo verificato il tuo pagamento: il bonifico è stato disposto il "
                        "giorno della scadenza, ma è stato accreditato sul nostro conto tre giorni "
                        "dopo. Secondo le condizioni del servizio, riportate anche sul retro della "
                        "bolletta, il pagamento si considera effettuato alla data di accredito. "
                        "Per questo la mora è stata applicata correttamente e non possiamo "
                        "annullarla. Per evitare ritardi in futuro puoi attivare l'addebito "
                        "diretto oppure pagare online con carta: l'accredito è immediato."
                    ),
                },
            ),
            (
                "reply",
                {
                    "accepted": False,
                    "reasons": (
                        "Non sono d'accordo. La scadenza cadeva di venerdì ed era impossibile che "
                        "un bonifico ordinario arrivasse lo stesso giorno. Sul vostro sito, dove "
                        "ho preso le coordinate per il pagamento, non è scritto da nessuna parte "
                        "che conta la data di accredito. Chiedo che la pratica venga riesaminata "
                        "da qualcun altro."
                    ),
                },
            ),
        ],
    },
    # --- Accepted, decision being carried out ---------------------------------------------------
    {
        "slug": "booking-form-fails",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.WEB,
        "category": "website-digital",
        "language": "tr",
        "complainant": {"name": "Zeynep Aydın", "email": "zeynep.aydin@example.org"},
        "occurred_days_ago": 3,
        "product_service": "Çevrim içi randevu",
        "description": (
            "Hizmet merkezinizde abonelik işlemlerim için web sitenizden randevu almaya "
            "çalışıyorum. Tarihi ve saati seçip «Onayla» düğmesine bastığımda sayfa başa dönüyor "
            "ve randevu oluşmuyor. Üç gündür hem telefonumdan hem bilgisayarımdan deniyorum, "
            "sonuç hep aynı."
        ),
        "desired_outcome": (
            "Sorunun giderilmesini ve bu hafta içinde bana bir randevu verilmesini istiyorum."
        ),
        "steps": [
            ("assess", {"severity": Case.Severity.MEDIUM}),
            (
                "investigate",
                {
                    "findings": (
                        "Reproduced: with the browser language set to Turkish the booking form "
                        "sends the date as dd.mm.yyyy and the server rejects it without showing "
                        "an error. Fix deployed. Booked the customer an appointment for "
                        "Wednesday 10:30."
                    ),
                    "root_cause": (
                        "Date format not localised in the booking form, and no error shown to "
                        "the user; no tests with non-English browsers."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "Yaşadığınız sorun için özür dileriz. İncelememiz sonucunda, tarayıcı "
                        "dili Türkçe olduğunda randevu formunun seçilen tarihi hatalı biçimde "
                        "gönderdiğini ve bu nedenle randevunun oluşmadığını tespit ettik. Hata "
                        "giderildi; artık randevular sorunsuz alınabiliyor. Sizin için hizmet "
                        "merkezimizde çarşamba günü saat 10.30'a bir randevu oluşturduk. Bu saat "
                        "size uygun değilse bize bildirmeniz yeterli."
                    ),
                },
            ),
            ("reply", {"accepted": True}),
        ],
    },
    # --- Closed, with the survey answered -------------------------------------------------------
    {
        "slug": "call-centre-waiting",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.EMAIL,
        "category": "service-quality",
        "language": "el",
        "complainant": {
            "name": "Μαρία Κωνσταντίνου",
            "email": "maria.konstantinou@example.org",
            "phone": "+30 697 010 4455",
        },
        "occurred_days_ago": 7,
        "product_service": "Τηλεφωνικό κέντρο",
        "description": (
            "Την περασμένη εβδομάδα προσπάθησα τέσσερις φορές να μιλήσω με το τηλεφωνικό σας "
            "κέντρο. Κάθε φορά περίμενα πάνω από μισή ώρα στην αναμονή και δύο φορές η κλήση "
            "διακόπηκε χωρίς να απαντήσει κανείς. Είμαι συνταξιούχος και δεν τα καταφέρνω με τις "
            "ηλεκτρονικές υπηρεσίες, οπότε το τηλέφωνο είναι ο μόνος τρόπος να επικοινωνήσω μαζί "
            "σας· αυτό το μήνυμα το στέλνει η κόρη μου εκ μέρους μου."
        ),
        "desired_outcome": (
            "Θα ήθελα να με καλέσει κάποιος για να λυθεί το θέμα του λογαριασμού μου και να "
            "βελτιωθεί η τηλεφωνική σας εξυπηρέτηση."
        ),
        "steps": [
            ("assess", {"severity": Case.Severity.MEDIUM}),
            (
                "investigate",
                {
                    "findings": (
                        "Call-centre statistics confirm average waits of 28–35 minutes on the "
                        "mornings after the annual bills were sent; the queue is set to drop "
                        "calls after 30 minutes. A colleague called Ms Konstantinou back and "
                        "sorted out her billing question the same day."
                    ),
                    "root_cause": (
                        "No extra staff for the annual billing peak; queue timeout disconnects "
                        "callers instead of offering a call-back."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "Σας ζητούμε συγγνώμη για τη μεγάλη αναμονή. Μετά την αποστολή των "
                        "ετήσιων λογαριασμών οι κλήσεις αυξήθηκαν απότομα και δεν είχαμε "
                        "ενισχύσει αρκετά το τηλεφωνικό μας κέντρο. Μια συνάδελφός μας σας "
                        "τηλεφώνησε και το θέμα του λογαριασμού σας έχει πλέον τακτοποιηθεί. Από "
                        "τον επόμενο μήνα ενισχύουμε το προσωπικό στις περιόδους αιχμής, και όταν "
                        "η αναμονή είναι μεγάλη η κλήση δεν θα διακόπτεται πλέον: θα μπορείτε να "
                        "ζητήσετε να σας καλέσουμε εμείς."
                    ),
                },
            ),
            ("reply", {"accepted": True}),
            (
                "close",
                {"note": "Η υπηρεσία επανάκλησης λειτουργεί πλέον στο τηλεφωνικό μας κέντρο."},
            ),
            (
                "survey",
                {
                    "overall": 4,
                    "ease": 3,
                    "fairness": 5,
                    "timeliness": 4,
                    "comment": (
                        "Με πήραν τηλέφωνο γρήγορα και ήταν πολύ ευγενικοί. Ελπίζω να μη "
                        "χρειαστεί να ξαναπεριμένω τόση ώρα στο τηλέφωνο."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "estimated-bill-review-changed",
        "kind": Case.Kind.COMPLAINT,
        "channel": Case.Channel.PHONE,
        "category": "billing-payments",
        "language": "ar",
        "complainant": {
            "name": "أحمد منصور",
            "email": "ahmad.mansour@example.net",
            "phone": "+357 96 010345",
        },
        "occurred_days_ago": 30,
        "product_service": "فاتورة الاستهلاك",
        "description": (
            "وصلتني فاتورة بقيمة 246 يورو عن شهرين، أي أكثر من ثلاثة أضعاف ما أدفعه عادةً. لم "
            "يأتِ أحد لقراءة العداد منذ أشهر، والفاتورة مبنية على قراءة تقديرية، مع أن القراءة "
            "الفعلية للعداد اليوم أقل بكثير من الرقم الوارد فيها. ودفعت الفاتورة كاملة حتى لا "
            "تنقطع الخدمة عني."
        ),
        "desired_outcome": "أطلب تصحيح الفاتورة وفق القراءة الفعلية وإعادة المبلغ الزائد إليّ.",
        "steps": [
            ("assess", {"severity": Case.Severity.MEDIUM}),
            (
                "investigate",
                {
                    "findings": (
                        "No actual reading for seven months: the meter reader's route skipped "
                        "the address. The estimate used the previous occupant's winter "
                        "consumption. Reading taken on site: 61 units for the period, not 212. "
                        "Corrected bill €71.40; the customer paid €246.00, so €174.60 is owed "
                        "to him."
                    ),
                    "root_cause": (
                        "Estimates are based on the property's history, not on the current "
                        "customer's consumption; missed reading rounds are not flagged."
                    ),
                },
            ),
            (
                "respond",
                {
                    "decision": (
                        "قرأنا العداد فعليًا، وتبيّن أن الفاتورة بُنيت على تقدير غير دقيق. "
                        "فصححناها لتصبح 71.40 يورو بدلًا من 246 يورو، وسيُقيَّد الفرق، وقدره "
                        "174.60 يورو، رصيدًا لصالحكم يُخصم من فواتيركم القادمة. نعتذر عن الإزعاج."
                    ),
                },
            ),
            (
                "reply",
                {
                    "accepted": False,
                    "reasons": (
                        "لا أقبل أن يبقى المبلغ رصيدًا لديكم لأشهر. لقد دفعت الفاتورة كاملة في "
                        "موعدها خوفًا من قطع الخدمة، والخطأ خطؤكم لا خطئي. أطلب إعادة الفرق إلى "
                        "حسابي المصرفي."
                    ),
                },
            ),
            (
                "review",
                {
                    "result": Case.ReviewResult.CHANGED,
                    "outcome": (
                        "بما أنكم سددتم الفاتورة كاملة في موعدها بسبب خطأ منا، فمن حقكم استرداد "
                        "المبلغ الزائد لا الاكتفاء بقيده رصيدًا. لذلك عدّلنا القرار: سيُحوَّل مبلغ "
                        "174.60 يورو إلى حسابكم المصرفي خلال خمسة أيام عمل، ونضيف إليه 20 يورو "
                        "تعويضًا عن الإزعاج. كما أضفنا عنوانكم إلى جولة قراءة العدادات الشهرية."
                    ),
                },
            ),
            ("close", {"note": "حُوِّل مبلغ 194.60 يورو (الفرق والتعويض) إلى حسابكم المصرفي."}),
            (
                "survey",
                {
                    "overall": 4,
                    "ease": 4,
                    "fairness": 4,
                    "timeliness": 3,
                    "comment": (
                        "لم يكن القرار الأول منصفًا، لكن المراجعة أنصفتني. أتمنى أن تُقرأ العدادات "
                        "بانتظام حتى لا يتكرر ذلك."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "compliment-patient-counter-officer",
        "kind": Case.Kind.COMPLIMENT,
        "channel": Case.Channel.COUNTER,
        "category": "staff-conduct",
        "language": "it",
        "complainant": {"name": "Giuseppe Marino", "phone": "+39 347 010 2233"},
        "occurred_days_ago": 5,
        "location": "Centro servizi, sportello 3",
        "description": (
            "Voglio ringraziare la signora dello sportello 3 che qualche giorno fa mi ha aiutato "
            "con la domanda di rateizzazione. Ho 78 anni e con i moduli faccio fatica: lei ha "
            "avuto tanta pazienza, mi ha spiegato tutto con calma e ha compilato con me ogni "
            "pagina. Persone così fanno la differenza."
        ),
        "desired_outcome": "Vorrei che lo sapessero anche i suoi responsabili.",
        "steps": [
            (
                "note",
                {
                    "by": "handler",
                    "text": (
                        "Officer at desk 3 identified from the counter roster. Compliment "
                        "passed on to her and to her team leader, and noted in her staff file."
                    ),
                },
            ),
            (
                "answer",
                {
                    "answer": (
                        "Grazie di cuore per le tue parole. Abbiamo fatto leggere il tuo messaggio "
                        "alla collega dello sportello 3 e alla sua responsabile: ne è stata molto "
                        "felice. Ringraziamenti come il tuo ci aiutano a capire che cosa funziona "
                        "bene e a farne un esempio per tutti."
                    ),
                },
            ),
            (
                "survey",
                {
                    "overall": 5,
                    "ease": 5,
                    "fairness": 5,
                    "timeliness": 5,
                    "comment": "Gentilissimi, grazie ancora.",
                },
            ),
        ],
    },
]


# --- Loading ------------------------------------------------------------------------------------


def recourse_load(*, log) -> bool:
    """Write the outside recourse told with a review's outcome, in every language, unless
    someone has written it already (in any language: theirs is kept). True when written."""
    handling = HandlingSettings.load()
    fields = {f"external_recourse_{language}": text for language, text in EXTERNAL_RECOURSE.items()}
    if any(getattr(handling, field) for field in fields):
        return False
    for field, text in fields.items():
        setattr(handling, field, text)
    handling.save()
    log("  settings: wrote the outside recourse in every language")
    return True


def _staff() -> dict:
    users = {
        user.get_username(): user
        for user in get_user_model().objects.filter(username__in=STAFF_USERNAMES)
    }
    missing = sorted(set(STAFF_USERNAMES) - set(users))
    if missing:
        raise LookupError(f"Demo staff missing (load them first): {', '.join(missing)}")
    return users


def _case_submit(spec: dict, *, staff: dict) -> Case:
    complainant = spec["complainant"]
    occurred = spec.get("occurred_days_ago")
    return process.complaint_submit(
        kind=spec["kind"],
        category=Category.objects.get(code=spec["category"]),
        description=spec["description"],
        desired_outcome=spec.get("desired_outcome", ""),
        product_service=spec.get("product_service", ""),
        location=spec.get("location", ""),
        occurred_on=timezone.localdate() - timedelta(days=occurred)
        if occurred is not None
        else None,
        language=spec["language"],
        consent=True,
        channel=spec["channel"],
        name=complainant.get("name", ""),
        email=complainant.get("email", ""),
        phone=complainant.get("phone", ""),
        entered_by=staff["intake"] if spec["channel"] in STAFF_CHANNELS else None,
        submission_key=submission_key(spec["slug"]),
    ).case


def _case_drive(case: Case, steps: list, *, staff: dict) -> Case:
    handler = staff[HANDLER_BY_TEAM[case.category.team.code]]
    driver = CaseDriver(
        case,
        intake=staff["intake"],
        handler=handler,
        supervisor=staff["supervisor"],
        reviewer=staff["reviewer"],
    )
    for action, args in steps:
        args = dict(args)
        if action == "assess":
            code = args.get("priority")
            priority = Priority.objects.get(code=code) if code else None
            driver.assess(severity=args.get("severity", Case.Severity.MEDIUM), priority=priority)
        elif action == "note":
            author = handler if args["by"] == "handler" else staff[args["by"]]
            services.case_note(case=driver.case, actor=author, text=args["text"])
        elif action == "message":
            services.case_message(case=driver.case, actor=handler, text=args["text"])
        elif action == "information":
            services.case_information_add(case=driver.case, text=args["text"])
        elif action == "answer":
            driver.answer(args["answer"])
        elif action == "survey":
            services.survey_answer(case=driver.case, **args)
        elif action in ("investigate", "respond", "approve", "reply", "review", "close"):
            getattr(driver, action)(**args)
        else:
            raise ValueError(f"Unknown demo step {action!r}")
    return driver.case


def demo_cases_load(*, tally: Counter, log) -> None:
    """Create the demo cases that do not exist yet, each driven to its step of the process."""
    recourse_load(log=log)
    staff = _staff()
    for spec in DEMO_CASES:
        if Case.objects.filter(submission_key=submission_key(spec["slug"])).exists():
            tally["cases", "unchanged"] += 1
            continue
        case = _case_submit(spec, staff=staff)
        case = _case_drive(case, spec["steps"], staff=staff)
        tally["cases", "created"] += 1
        log(f"  cases: created {case.reference} ({spec['slug']}, {case.language}, {case.status})")
