"""Demo content loaded by `manage.py load_demo`: configuration, staff and the public pages.

Every text is written in the five languages of the portal (en, ar, el, it, tr). Terms used
consistently across the pages (keep the UI translations in line with them):

- tracking number: رقم التتبع · αριθμός παρακολούθησης · numero di pratica · takip numarası
- access code: رمز الوصول · κωδικός πρόσβασης · codice di accesso · erişim kodu
- complaint: شكوى · παράπονο · reclamo · şikâyet
"""

from datetime import date

from workflow import roles

LANGUAGES = ("en", "ar", "el", "it", "tr")

# For demo use only: every demo account gets this password, printed by the command.
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105
DEMO_EMAIL_DOMAIN = "example.org"

# --- Configuration ------------------------------------------------------------------------------

# Working hours per step (counted on each team's calendar: 8-hour days, Monday to Friday,
# without holidays). Normal: assessed within 2 working days, decision within 11 working
# days (16 + 56 + 16 hours, about 15 calendar days), which is what the public pages promise.
PRIORITIES = [
    {
        "code": "low",
        "rank": 10,
        "is_default": False,
        "hours": {
            "assess": 24,
            "investigate": 112,
            "respond": 24,
            "approve": 16,
            "review": 112,
            "close": 40,
            "second_level": 16,
            "reminder": 8,
        },
        "name": {"en": "Low", "ar": "منخفضة", "el": "Χαμηλή", "it": "Bassa", "tr": "Düşük"},
    },
    {
        "code": "normal",
        "rank": 20,
        "is_default": True,
        "hours": {
            "assess": 16,
            "investigate": 56,
            "respond": 16,
            "approve": 8,
            "review": 80,
            "close": 24,
            "second_level": 8,
            "reminder": 4,
        },
        "name": {"en": "Normal", "ar": "عادية", "el": "Κανονική", "it": "Normale", "tr": "Normal"},
    },
    {
        "code": "high",
        "rank": 30,
        "is_default": False,
        "hours": {
            "assess": 8,
            "investigate": 32,
            "respond": 8,
            "approve": 4,
            "review": 40,
            "close": 16,
            "second_level": 4,
            "reminder": 2,
        },
        "name": {"en": "High", "ar": "مرتفعة", "el": "Υψηλή", "it": "Alta", "tr": "Yüksek"},
    },
    {
        "code": "urgent",
        "rank": 40,
        "is_default": False,
        "hours": {
            "assess": 2,
            "investigate": 8,
            "respond": 4,
            "approve": 2,
            "review": 16,
            "close": 8,
            "second_level": 2,
            "reminder": 1,
        },
        "name": {"en": "Urgent", "ar": "عاجلة", "el": "Επείγουσα", "it": "Urgente", "tr": "Acil"},
    },
]

TEAMS = [
    {
        "code": "customer-service",
        "name": {
            "en": "Customer service",
            "ar": "خدمة العملاء",
            "el": "Εξυπηρέτηση πελατών",
            "it": "Servizio clienti",
            "tr": "Müşteri hizmetleri",
        },
    },
    {
        "code": "billing",
        "name": {
            "en": "Billing",
            "ar": "الفواتير",
            "el": "Τιμολόγηση",
            "it": "Fatturazione",
            "tr": "Faturalandırma",
        },
    },
    {
        "code": "technical-services",
        "name": {
            "en": "Technical services",
            "ar": "الخدمات الفنية",
            "el": "Τεχνικές υπηρεσίες",
            "it": "Servizi tecnici",
            "tr": "Teknik hizmetler",
        },
    },
]

CATEGORIES = [
    {
        "code": "billing-payments",
        "team": "billing",
        "order": 10,
        "name": {
            "en": "Billing and payments",
            "ar": "الفواتير والمدفوعات",
            "el": "Λογαριασμοί και πληρωμές",
            "it": "Fatture e pagamenti",
            "tr": "Faturalar ve ödemeler",
        },
    },
    {
        "code": "service-quality",
        "team": "customer-service",
        "order": 20,
        "name": {
            "en": "Service quality",
            "ar": "جودة الخدمة",
            "el": "Ποιότητα υπηρεσιών",
            "it": "Qualità del servizio",
            "tr": "Hizmet kalitesi",
        },
    },
    {
        "code": "staff-conduct",
        "team": "customer-service",
        "order": 30,
        "name": {
            "en": "Staff conduct",
            "ar": "سلوك الموظفين",
            "el": "Συμπεριφορά προσωπικού",
            "it": "Comportamento del personale",
            "tr": "Personel davranışı",
        },
    },
    {
        "code": "delivery-appointments",
        "team": "customer-service",
        "order": 40,
        "name": {
            "en": "Delivery and appointments",
            "ar": "التسليم والمواعيد",
            "el": "Παραδόσεις και ραντεβού",
            "it": "Consegne e appuntamenti",
            "tr": "Teslimat ve randevular",
        },
    },
    {
        "code": "website-digital",
        "team": "technical-services",
        "order": 50,
        "name": {
            "en": "Website and digital services",
            "ar": "الموقع الإلكتروني والخدمات الرقمية",
            "el": "Ιστότοπος και ψηφιακές υπηρεσίες",
            "it": "Sito web e servizi digitali",
            "tr": "Web sitesi ve dijital hizmetler",
        },
    },
    {
        "code": "other",
        "team": "customer-service",
        "order": 90,
        "name": {"en": "Other", "ar": "أخرى", "el": "Άλλο", "it": "Altro", "tr": "Diğer"},
    },
]

# --- Staff --------------------------------------------------------------------------------------

ALL_TEAMS = "*"

# One account per role. `teams`: codes of the teams the user is a member of (handlers must be
# members to be assignable); `supervises`: the user becomes Team.supervisor of those teams.
STAFF = [
    {
        "username": "intake",
        "first_name": "Nadia",
        "last_name": "Haddad",
        "group": roles.INTAKE_OFFICER,
    },
    {
        "username": "handler",
        "first_name": "Marco",
        "last_name": "Rossi",
        "group": roles.HANDLER,
        "teams": ["customer-service", "billing"],
    },
    {
        "username": "handler2",
        "first_name": "Eleni",
        "last_name": "Papadopoulou",
        "group": roles.HANDLER,
        "teams": ["customer-service", "technical-services"],
    },
    {
        "username": "supervisor",
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "group": roles.SUPERVISOR,
        "teams": ALL_TEAMS,
        "supervises": ALL_TEAMS,
    },
    {
        "username": "manager",
        "first_name": "Omar",
        "last_name": "Khalil",
        "group": roles.COMPLAINTS_MANAGER,
    },
    {
        "username": "reviewer",
        "first_name": "Giulia",
        "last_name": "Bianchi",
        "group": roles.REVIEWER,
    },
    {
        "username": "auditor",
        "first_name": "Nikos",
        "last_name": "Georgiou",
        "group": roles.AUDITOR,
    },
    {
        "username": "editor",
        "first_name": "Emre",
        "last_name": "Demir",
        "group": roles.EDITOR,
    },
    {
        "username": "admin",
        "first_name": "Site",
        "last_name": "Administrator",
        "group": roles.ADMINISTRATOR,
        "superuser": True,
    },
]

# --- Pages --------------------------------------------------------------------------------------
# Each page: the model name, its slug (the same in every language), untranslated field values,
# and per language the translated fields (`title` plus the model's translated fields).
# Rich text fields hold simple HTML (links as plain <a href>); `intro` of StandardPage and
# PolicyPage is plain text. ProcessPage's steps table is built by its template from the live
# workflow: its texts only introduce it and say what happens after a decision.
# PrinciplesPage lists its principles as a stream of (name, what it means) blocks; the channels
# of HowToComplainPage come from CONTACT_SETTINGS, its texts say what to tell us and what follows.


def _principles(*principles: tuple[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(name, meaning) pairs → the value of PrinciplesPage's `principles` stream."""
    return [("principle", {"name": name, "meaning": meaning}) for name, meaning in principles]


HOME_PAGE = {
    "model": "HomePage",
    "slug": "home",
    "fields": {},
    "text": {
        "en": {
            "title": "We want to hear from you",
            "intro": (
                "<p>If something went wrong, if you have an idea for how we could do better, or "
                "if you want to thank someone, tell us. It is free, you do not need an account, "
                "and you can write to us in English, Arabic, Greek, Italian or Turkish.</p>"
            ),
            "body": (
                "<h2>How it works</h2>"
                "<ul>"
                "<li><strong>Tell us</strong> what happened: online, by email, by phone, by post "
                "or in person.</li>"
                "<li><strong>Get a tracking number</strong> straight away, so that you can follow "
                "your case at any time.</li>"
                "<li><strong>We look into it</strong>: a trained member of staff who was not "
                "involved investigates.</li>"
                "<li><strong>We give you our decision</strong> with the reasons, normally within "
                "15 days, and ask whether you are satisfied.</li>"
                "</ul>"
            ),
        },
        "ar": {
            "title": "نريد أن نسمع منكم",
            "intro": (
                "<p>إذا حدث خطأ ما، أو كانت لديكم فكرة تساعدنا على تحسين عملنا، أو أردتم أن تشكروا "
                "أحد موظفينا، فأخبرونا بذلك. الخدمة مجانية ولا تحتاجون إلى إنشاء حساب، ويمكنكم "
                "مراسلتنا بالعربية أو الإنجليزية أو اليونانية أو الإيطالية أو التركية.</p>"
            ),
            "body": (
                "<h2>كيف تسير العملية</h2>"
                "<ul>"
                "<li><strong>أخبرونا</strong> بما حدث: عبر الإنترنت أو البريد الإلكتروني أو "
                "الهاتف أو البريد العادي أو بالحضور شخصيًا.</li>"
                "<li><strong>احصلوا على رقم تتبع</strong> فورًا، لتتمكنوا من متابعة طلبكم في "
                "أي وقت.</li>"
                "<li><strong>ندرس الموضوع</strong>: يتولى التحقيق فيه موظف مؤهل لم يكن طرفًا "
                "فيما حدث.</li>"
                "<li><strong>نبلغكم بقرارنا</strong> مع أسبابه، عادةً خلال 15 يومًا، ونسألكم "
                "عن مدى رضاكم.</li>"
                "</ul>"
            ),
        },
        "el": {
            "title": "Θέλουμε να ακούσουμε τη γνώμη σας",
            "intro": (
                "<p>Αν κάτι δεν πήγε καλά, αν έχετε μια ιδέα για το πώς μπορούμε να γίνουμε "
                "καλύτεροι ή αν θέλετε να ευχαριστήσετε κάποιον, πείτε μας. Είναι δωρεάν, δεν "
                "χρειάζεστε λογαριασμό και μπορείτε να μας γράψετε στα ελληνικά, τα αγγλικά, "
                "τα αραβικά, τα ιταλικά ή τα τουρκικά.</p>"
            ),
            "body": (
                "<h2>Πώς λειτουργεί</h2>"
                "<ul>"
                "<li><strong>Πείτε μας</strong> τι συνέβη: ηλεκτρονικά, με email, τηλεφωνικά, "
                "ταχυδρομικά ή αυτοπροσώπως.</li>"
                "<li><strong>Λαμβάνετε αμέσως αριθμό παρακολούθησης</strong>, ώστε να "
                "παρακολουθείτε την υπόθεσή σας ανά πάσα στιγμή.</li>"
                "<li><strong>Εξετάζουμε το θέμα</strong>: την έρευνα αναλαμβάνει εκπαιδευμένο "
                "μέλος του προσωπικού που δεν είχε καμία εμπλοκή.</li>"
                "<li><strong>Σας ενημερώνουμε για την απόφασή μας</strong> και το σκεπτικό της, "
                "συνήθως μέσα σε 15 ημέρες, και σας ρωτάμε αν είστε ικανοποιημένοι.</li>"
                "</ul>"
            ),
        },
        "it": {
            "title": "Vogliamo ascoltarti",
            "intro": (
                "<p>Se qualcosa è andato storto, se hai un'idea per migliorare i nostri servizi "
                "o se vuoi ringraziare qualcuno, faccelo sapere. È gratuito, non serve un "
                "account e puoi scriverci in italiano, inglese, arabo, greco o turco.</p>"
            ),
            "body": (
                "<h2>Come funziona</h2>"
                "<ul>"
                "<li><strong>Raccontaci</strong> cosa è successo: online, via email, per "
                "telefono, per posta o di persona.</li>"
                "<li><strong>Ricevi subito un numero di pratica</strong> per seguire la tua "
                "segnalazione in qualsiasi momento.</li>"
                "<li><strong>Esaminiamo il caso</strong>: se ne occupa una persona qualificata "
                "del nostro staff, non coinvolta nei fatti.</li>"
                "<li><strong>Ti comunichiamo la nostra decisione</strong> con le motivazioni, di "
                "norma entro 15 giorni, e ti chiediamo se sei soddisfatto.</li>"
                "</ul>"
            ),
        },
        "tr": {
            "title": "Sizi dinlemek istiyoruz",
            "intro": (
                "<p>Bir şeyler yolunda gitmediyse, daha iyisini yapabilmemiz için bir fikriniz "
                "varsa ya da birine teşekkür etmek istiyorsanız bize bildirin. Bu hizmet "
                "ücretsizdir, hesap açmanız gerekmez ve bize Türkçe, İngilizce, Arapça, Yunanca "
                "veya İtalyanca yazabilirsiniz.</p>"
            ),
            "body": (
                "<h2>Süreç nasıl işler?</h2>"
                "<ul>"
                "<li><strong>Bize anlatın</strong>: çevrim içi, e-posta, telefon, posta yoluyla "
                "veya şahsen ne olduğunu bildirin.</li>"
                "<li><strong>Hemen bir takip numarası alın</strong>; böylece başvurunuzu "
                "dilediğiniz zaman izleyebilirsiniz.</li>"
                "<li><strong>Konuyu inceleriz</strong>: olayla ilgisi olmayan, eğitimli bir "
                "çalışanımız incelemeyi yürütür.</li>"
                "<li><strong>Kararımızı size bildiririz</strong>: gerekçeleriyle birlikte, "
                "genellikle 15 gün içinde; ardından memnun kalıp kalmadığınızı sorarız.</li>"
                "</ul>"
            ),
        },
    },
}

POLICY_PAGE = {
    "model": "PolicyPage",
    "slug": "policy",
    "fields": {"version": "1.0", "effective_date": date(2026, 1, 1)},
    "text": {
        "en": {
            "title": "Our complaint-handling policy",
            "intro": (
                "This policy explains how we handle complaints, suggestions and compliments and "
                "what you can expect from us. It follows the international standard "
                "ISO 10002:2018."
            ),
            "commitment": (
                "<p>The management of our organisation is committed to handling every complaint "
                "fairly, promptly and openly. We see each complaint as an opportunity to put "
                "things right for you and to improve our services for everyone.</p>"
                "<p>Management provides the people, training and resources needed to apply this "
                "policy, reviews the results of complaint handling at least once a year and is "
                "accountable for them.</p>"
                "<p><strong>The Board of Management</strong></p>"
            ),
            "body": (
                "<h2>Scope</h2>"
                "<p>This policy covers all our products and services and every way in which you "
                "can contact us. It applies to all our staff.</p>"
                "<h2>What we promise</h2>"
                "<ul>"
                "<li>Making a complaint is free and does not require an account.</li>"
                "<li>We acknowledge your complaint straight away and give you a tracking "
                "number.</li>"
                "<li>We handle your complaint objectively: nobody investigates a complaint about "
                "their own work.</li>"
                "<li>We protect your personal data and use it only to handle your case.</li>"
                "<li>We explain our decision and the reasons for it, and tell you what you can "
                "do if you disagree.</li>"
                "</ul>"
                "<h2>Time limits</h2>"
                "<p>We assess every complaint within 2 days and normally send you our decision "
                "within 15 days. Urgent complaints are handled faster.</p>"
                "<h2>If you are not satisfied</h2>"
                "<p>If you disagree with our decision, tell us. A senior member of staff who was "
                "not involved in the first decision will review your case. If you are still not "
                "satisfied, you can turn to an independent ombudsman or dispute-resolution body; "
                "we will tell you how.</p>"
                "<h2>Learning from complaints</h2>"
                "<p>We regularly analyse complaints to find their causes and to stop the same "
                "problems from happening again. Management reviews the results and the actions "
                "taken.</p>"
            ),
        },
        "ar": {
            "title": "سياسة معالجة الشكاوى",
            "intro": (
                "توضح هذه السياسة كيف نتعامل مع الشكاوى والاقتراحات والإشادات، وما يمكنكم أن "
                "تتوقعوه منا. وهي تستند إلى المعيار الدولي ISO 10002:2018."
            ),
            "commitment": (
                "<p>تلتزم إدارة مؤسستنا بمعالجة كل شكوى بإنصاف وسرعة وشفافية. ونرى في كل شكوى "
                "فرصة لتصحيح الأمور لكم ولتحسين خدماتنا للجميع.</p>"
                "<p>توفر الإدارة الموظفين والتدريب والموارد اللازمة لتطبيق هذه السياسة، وتراجع "
                "نتائج معالجة الشكاوى مرة واحدة على الأقل كل عام، وتتحمل المسؤولية عنها.</p>"
                "<p><strong>مجلس الإدارة</strong></p>"
            ),
            "body": (
                "<h2>نطاق السياسة</h2>"
                "<p>تشمل هذه السياسة جميع منتجاتنا وخدماتنا وكل الوسائل التي يمكنكم التواصل معنا "
                "من خلالها، وتسري على جميع موظفينا.</p>"
                "<h2>ما نتعهد به</h2>"
                "<ul>"
                "<li>تقديم الشكوى مجاني ولا يتطلب إنشاء حساب.</li>"
                "<li>نؤكد استلام شكواكم فورًا ونزودكم برقم تتبع.</li>"
                "<li>نعالج شكواكم بموضوعية: لا يحقق أي موظف في شكوى تتعلق بعمله هو.</li>"
                "<li>نحمي بياناتكم الشخصية ولا نستخدمها إلا لمعالجة طلبكم.</li>"
                "<li>نشرح لكم قرارنا وأسبابه، ونوضح لكم ما يمكنكم فعله إذا لم توافقوا "
                "عليه.</li>"
                "</ul>"
                "<h2>المدد الزمنية</h2>"
                "<p>نقيّم كل شكوى خلال يومين، ونرسل إليكم قرارنا عادةً خلال 15 يومًا. أما الشكاوى "
                "العاجلة فنعالجها بسرعة أكبر.</p>"
                "<h2>إذا لم تكونوا راضين</h2>"
                "<p>إذا لم توافقوا على قرارنا فأخبرونا بذلك، وسيعيد النظر في طلبكم موظف أقدم "
                "لم يشارك في القرار الأول. وإذا بقيتم غير راضين، يمكنكم اللجوء إلى أمين مظالم "
                "مستقل أو إلى جهة مستقلة لتسوية النزاعات، وسنوضح لكم كيفية ذلك.</p>"
                "<h2>التعلم من الشكاوى</h2>"
                "<p>نحلل الشكاوى بانتظام لمعرفة أسبابها ومنع تكرار المشكلات نفسها. وتراجع الإدارة "
                "النتائج والإجراءات المتخذة.</p>"
            ),
        },
        "el": {
            "title": "Η πολιτική μας για τη διαχείριση παραπόνων",
            "intro": (
                "Η πολιτική αυτή εξηγεί πώς χειριζόμαστε τα παράπονα, τις προτάσεις και τους "
                "επαίνους και τι μπορείτε να περιμένετε από εμάς. Ακολουθεί το διεθνές "
                "πρότυπο ISO 10002:2018."
            ),
            "commitment": (
                "<p>Η διοίκηση του οργανισμού μας δεσμεύεται να χειρίζεται κάθε παράπονο με "
                "δικαιοσύνη, ταχύτητα και διαφάνεια. Βλέπουμε κάθε παράπονο ως ευκαιρία να "
                "διορθώσουμε ό,τι δεν πήγε καλά για εσάς και να βελτιώσουμε τις υπηρεσίες μας "
                "για όλους.</p>"
                "<p>Η διοίκηση διαθέτει το προσωπικό, την εκπαίδευση και τους πόρους που "
                "απαιτούνται για την εφαρμογή αυτής της πολιτικής, επανεξετάζει τα αποτελέσματα "
                "της διαχείρισης παραπόνων τουλάχιστον μία φορά τον χρόνο και λογοδοτεί γι' "
                "αυτά.</p>"
                "<p><strong>Το Διοικητικό Συμβούλιο</strong></p>"
            ),
            "body": (
                "<h2>Πεδίο εφαρμογής</h2>"
                "<p>Η πολιτική αυτή καλύπτει όλα τα προϊόντα και τις υπηρεσίες μας και κάθε "
                "τρόπο με τον οποίο μπορείτε να επικοινωνήσετε μαζί μας. Εφαρμόζεται από όλο το "
                "προσωπικό μας.</p>"
                "<h2>Οι δεσμεύσεις μας</h2>"
                "<ul>"
                "<li>Η υποβολή παραπόνου είναι δωρεάν και δεν απαιτεί λογαριασμό.</li>"
                "<li>Επιβεβαιώνουμε αμέσως την παραλαβή του παραπόνου σας και σας δίνουμε "
                "αριθμό παρακολούθησης.</li>"
                "<li>Χειριζόμαστε το παράπονό σας αντικειμενικά: κανείς δεν διερευνά παράπονο "
                "που αφορά τη δική του εργασία.</li>"
                "<li>Προστατεύουμε τα προσωπικά σας δεδομένα και τα χρησιμοποιούμε μόνο για τον "
                "χειρισμό της υπόθεσής σας.</li>"
                "<li>Σας εξηγούμε την απόφασή μας και το σκεπτικό της και σας ενημερώνουμε τι "
                "μπορείτε να κάνετε αν διαφωνείτε.</li>"
                "</ul>"
                "<h2>Προθεσμίες</h2>"
                "<p>Αξιολογούμε κάθε παράπονο μέσα σε 2 ημέρες και συνήθως σας αποστέλλουμε την "
                "απόφασή μας μέσα σε 15 ημέρες. Τα επείγοντα παράπονα εξετάζονται "
                "ταχύτερα.</p>"
                "<h2>Αν δεν είστε ικανοποιημένοι</h2>"
                "<p>Αν διαφωνείτε με την απόφασή μας, πείτε μας. Ένα ανώτερο στέλεχος που δεν "
                "συμμετείχε στην αρχική απόφαση θα επανεξετάσει την υπόθεσή σας. Αν εξακολουθείτε "
                "να μην είστε ικανοποιημένοι, μπορείτε να απευθυνθείτε σε ανεξάρτητο φορέα "
                "διαμεσολάβησης ή εναλλακτικής επίλυσης διαφορών· θα σας εξηγήσουμε πώς.</p>"
                "<h2>Μαθαίνουμε από τα παράπονα</h2>"
                "<p>Αναλύουμε τακτικά τα παράπονα για να εντοπίζουμε τις αιτίες τους και να "
                "αποτρέπουμε την επανάληψη των ίδιων προβλημάτων. Η διοίκηση επανεξετάζει τα "
                "αποτελέσματα και τις ενέργειες που έγιναν.</p>"
            ),
        },
        "it": {
            "title": "La nostra politica di gestione dei reclami",
            "intro": (
                "Questa politica spiega come gestiamo reclami, suggerimenti e apprezzamenti e "
                "cosa puoi aspettarti da noi. Segue la norma internazionale ISO 10002:2018."
            ),
            "commitment": (
                "<p>La direzione della nostra organizzazione si impegna a gestire ogni reclamo in "
                "modo equo, tempestivo e trasparente. Consideriamo ogni reclamo un'opportunità "
                "per rimediare a ciò che non ha funzionato e per migliorare i nostri servizi per "
                "tutti.</p>"
                "<p>La direzione mette a disposizione le persone, la formazione e le risorse "
                "necessarie per applicare questa politica, riesamina i risultati della gestione "
                "dei reclami almeno una volta all'anno e ne risponde.</p>"
                "<p><strong>Il Consiglio di amministrazione</strong></p>"
            ),
            "body": (
                "<h2>Ambito di applicazione</h2>"
                "<p>Questa politica riguarda tutti i nostri prodotti e servizi e ogni canale con "
                "cui puoi contattarci. Si applica a tutto il nostro personale.</p>"
                "<h2>I nostri impegni</h2>"
                "<ul>"
                "<li>Presentare un reclamo è gratuito e non richiede un account.</li>"
                "<li>Confermiamo subito la ricezione del tuo reclamo e ti forniamo un numero di "
                "pratica.</li>"
                "<li>Gestiamo il tuo reclamo in modo obiettivo: nessuno esamina un reclamo che "
                "riguarda il proprio lavoro.</li>"
                "<li>Proteggiamo i tuoi dati personali e li usiamo solo per gestire la tua "
                "pratica.</li>"
                "<li>Ti spieghiamo la nostra decisione e le sue motivazioni e ti indichiamo cosa "
                "puoi fare se non sei d'accordo.</li>"
                "</ul>"
                "<h2>Tempi</h2>"
                "<p>Valutiamo ogni reclamo entro 2 giorni e di norma ti inviamo la nostra "
                "decisione entro 15 giorni. I reclami urgenti vengono trattati più "
                "rapidamente.</p>"
                "<h2>Se non sei soddisfatto</h2>"
                "<p>Se non sei d'accordo con la nostra decisione, faccelo sapere: un responsabile "
                "che non ha partecipato alla prima decisione riesaminerà la tua pratica. Se non "
                "sei ancora soddisfatto, puoi rivolgerti a un difensore civico o a un organismo "
                "indipendente di risoluzione delle controversie; ti spiegheremo come fare.</p>"
                "<h2>Imparare dai reclami</h2>"
                "<p>Analizziamo regolarmente i reclami per individuarne le cause ed evitare che "
                "gli stessi problemi si ripetano. La direzione esamina i risultati e le azioni "
                "intraprese.</p>"
            ),
        },
        "tr": {
            "title": "Şikâyet yönetimi politikamız",
            "intro": (
                "Bu politika şikâyetleri, önerileri ve teşekkürleri nasıl ele aldığımızı ve "
                "bizden neler bekleyebileceğinizi açıklar. Uluslararası ISO 10002:2018 "
                "standardına dayanır."
            ),
            "commitment": (
                "<p>Kurumumuzun yönetimi, her şikâyeti adil, hızlı ve şeffaf bir şekilde ele "
                "almayı taahhüt eder. Her şikâyeti, sizin için ters giden bir şeyi düzeltmek ve "
                "hizmetlerimizi herkes için iyileştirmek adına bir fırsat olarak görürüz.</p>"
                "<p>Yönetim, bu politikanın uygulanması için gereken personeli, eğitimi ve "
                "kaynakları sağlar; şikâyet yönetiminin sonuçlarını yılda en az bir kez gözden "
                "geçirir ve bu sonuçların hesabını verir.</p>"
                "<p><strong>Yönetim Kurulu</strong></p>"
            ),
            "body": (
                "<h2>Kapsam</h2>"
                "<p>Bu politika tüm ürün ve hizmetlerimizi ve bize ulaşabileceğiniz tüm "
                "kanalları kapsar. Tüm çalışanlarımız için geçerlidir.</p>"
                "<h2>Taahhütlerimiz</h2>"
                "<ul>"
                "<li>Şikâyette bulunmak ücretsizdir ve hesap açmayı gerektirmez.</li>"
                "<li>Şikâyetinizin alındığını hemen bildirir ve size bir takip numarası "
                "veririz.</li>"
                "<li>Şikâyetinizi tarafsız biçimde ele alırız: hiç kimse kendi işiyle ilgili bir "
                "şikâyeti incelemez.</li>"
                "<li>Kişisel verilerinizi korur ve yalnızca başvurunuzu sonuçlandırmak için "
                "kullanırız.</li>"
                "<li>Kararımızı ve gerekçelerini size açıklar, karara katılmıyorsanız neler "
                "yapabileceğinizi bildiririz.</li>"
                "</ul>"
                "<h2>Süreler</h2>"
                "<p>Her şikâyeti 2 gün içinde değerlendirir ve kararımızı genellikle 15 gün "
                "içinde size iletiriz. Acil şikâyetler daha hızlı ele alınır.</p>"
                "<h2>Memnun kalmazsanız</h2>"
                "<p>Kararımıza katılmıyorsanız bize bildirin. İlk karara katılmamış kıdemli bir "
                "yetkili başvurunuzu yeniden inceler. Hâlâ memnun değilseniz bağımsız bir kamu "
                "denetçisine (ombudsman) veya uyuşmazlık çözüm kuruluşuna başvurabilirsiniz; "
                "bunu nasıl yapacağınızı size açıklarız.</p>"
                "<h2>Şikâyetlerden öğreniyoruz</h2>"
                "<p>Şikâyetleri düzenli olarak analiz ederek nedenlerini belirler ve aynı "
                "sorunların tekrarlanmasını önleriz. Yönetim, sonuçları ve alınan önlemleri "
                "gözden geçirir.</p>"
            ),
        },
    },
}

PRINCIPLES_PAGE = {
    "model": "PrinciplesPage",
    "slug": "principles",
    "fields": {},
    "text": {
        "en": {
            "title": "Our guiding principles",
            "intro": (
                "We follow the guiding principles of ISO 10002:2018, the international standard "
                "for handling complaints. This is what they mean for you."
            ),
            "principles": _principles(
                (
                    "Transparency",
                    (
                        "We publish how to complain, how we handle complaints, our time limits "
                        "and what each stage of your case means."
                    ),
                ),
                (
                    "Accessibility",
                    (
                        "You can complain online, by email, by phone, by post or in person, in "
                        "five languages, and we help anyone who needs support to do so."
                    ),
                ),
                (
                    "Responsiveness",
                    (
                        "We acknowledge your complaint straight away with a tracking number and "
                        "keep you informed at every step."
                    ),
                ),
                (
                    "Objectivity",
                    (
                        "Every complaint is handled fairly and impartially; nobody investigates a "
                        "complaint about themselves."
                    ),
                ),
                ("No charges", "Complaining is always free of charge."),
                (
                    "Information integrity",
                    (
                        "We check that what we record about your complaint is complete and "
                        "accurate, and the history of your case cannot be changed afterwards."
                    ),
                ),
                (
                    "Confidentiality",
                    (
                        "Your personal data is seen only by the people handling your case and is "
                        "never made public."
                    ),
                ),
                (
                    "Customer focus",
                    (
                        "We listen to you; you can tell us the outcome you want, respond to our "
                        "decision and tell us how satisfied you are."
                    ),
                ),
                (
                    "Accountability",
                    (
                        "Every action on your case is recorded with who did it, when and why, and "
                        "each step has a named person responsible for it."
                    ),
                ),
                (
                    "Improvement",
                    "We analyse complaints to find their root causes and improve our services.",
                ),
                (
                    "Competence",
                    (
                        "Your complaint is handled by trained staff with the right skills for the "
                        "subject."
                    ),
                ),
                (
                    "Timeliness",
                    (
                        "Every step has a deadline; if it is missed, a supervisor and then a "
                        "manager are alerted."
                    ),
                ),
            ),
            "body": "",
        },
        "ar": {
            "title": "مبادئنا التوجيهية",
            "intro": (
                "نلتزم بالمبادئ التوجيهية للمعيار الدولي ISO 10002:2018 الخاص بمعالجة الشكاوى. "
                "وفيما يلي ما تعنيه هذه المبادئ بالنسبة إليكم."
            ),
            "principles": _principles(
                (
                    "الشفافية",
                    (
                        "ننشر طريقة تقديم الشكوى وكيفية معالجتنا للشكاوى والمدد الزمنية التي "
                        "نلتزم بها ومعنى كل مرحلة من مراحل طلبكم."
                    ),
                ),
                (
                    "سهولة الوصول",
                    (
                        "يمكنكم تقديم الشكوى عبر الإنترنت أو البريد الإلكتروني أو الهاتف أو "
                        "البريد العادي أو بالحضور شخصيًا، وبخمس لغات، ونساعد كل من يحتاج إلى دعم "
                        "لتقديمها."
                    ),
                ),
                (
                    "سرعة الاستجابة",
                    "نؤكد استلام شكواكم فورًا برقم تتبع، ونطلعكم على المستجدات في كل خطوة.",
                ),
                ("الموضوعية", "نعالج كل شكوى بإنصاف وحياد، ولا يحقق أحد في شكوى مقدمة بحقه."),
                ("المجانية", "تقديم الشكوى مجاني دائمًا."),
                (
                    "سلامة المعلومات",
                    "نتحقق من أن ما نسجله عن شكواكم كامل ودقيق، ولا يمكن تعديل سجل طلبكم لاحقًا.",
                ),
                (
                    "السرية",
                    (
                        "لا يطلع على بياناتكم الشخصية إلا الموظفون المكلفون بمعالجة طلبكم، ولا "
                        "تُنشر أبدًا."
                    ),
                ),
                (
                    "التركيز على العميل",
                    (
                        "نصغي إليكم؛ فيمكنكم أن تخبرونا بالنتيجة التي تريدونها، وأن تردّوا على "
                        "قرارنا، وأن تبدوا مدى رضاكم."
                    ),
                ),
                (
                    "المساءلة",
                    (
                        "يُسجَّل كل إجراء يُتخذ بشأن طلبكم مع اسم من قام به ووقته وسببه، ولكل "
                        "خطوة موظف مسؤول محدد بالاسم."
                    ),
                ),
                ("التحسين المستمر", "نحلل الشكاوى لمعرفة أسبابها الجذرية وتحسين خدماتنا."),
                (
                    "الكفاءة",
                    "يتولى معالجة شكواكم موظفون مدربون يملكون المهارات المناسبة لموضوعها.",
                ),
                (
                    "الالتزام بالمواعيد",
                    "لكل خطوة موعد نهائي، وإذا تجاوزناه يُنبَّه المشرف ثم المدير.",
                ),
            ),
            "body": "",
        },
        "el": {
            "title": "Οι κατευθυντήριες αρχές μας",
            "intro": (
                "Ακολουθούμε τις κατευθυντήριες αρχές του ISO 10002:2018, του διεθνούς προτύπου "
                "για τη διαχείριση παραπόνων. Δείτε τι σημαίνουν για εσάς."
            ),
            "principles": _principles(
                (
                    "Διαφάνεια",
                    (
                        "Δημοσιεύουμε πώς μπορείτε να υποβάλετε παράπονο, πώς το χειριζόμαστε, "
                        "τις προθεσμίες μας και τι σημαίνει κάθε στάδιο της υπόθεσής σας."
                    ),
                ),
                (
                    "Προσβασιμότητα",
                    (
                        "Μπορείτε να υποβάλετε παράπονο ηλεκτρονικά, με email, τηλεφωνικά, "
                        "ταχυδρομικά ή αυτοπροσώπως, σε πέντε γλώσσες, και βοηθάμε όποιον "
                        "χρειάζεται υποστήριξη."
                    ),
                ),
                (
                    "Ανταπόκριση",
                    (
                        "Επιβεβαιώνουμε αμέσως την παραλαβή με αριθμό παρακολούθησης και σας "
                        "ενημερώνουμε σε κάθε βήμα."
                    ),
                ),
                (
                    "Αντικειμενικότητα",
                    (
                        "Κάθε παράπονο εξετάζεται δίκαια και αμερόληπτα· κανείς δεν διερευνά "
                        "παράπονο που αφορά τον ίδιο."
                    ),
                ),
                ("Χωρίς χρέωση", "Η υποβολή παραπόνου είναι πάντα δωρεάν."),
                (
                    "Ακεραιότητα πληροφοριών",
                    (
                        "Ελέγχουμε ότι όσα καταγράφουμε για το παράπονό σας είναι πλήρη και "
                        "ακριβή, και το ιστορικό της υπόθεσής σας δεν μπορεί να αλλοιωθεί."
                    ),
                ),
                (
                    "Εμπιστευτικότητα",
                    (
                        "Τα προσωπικά σας δεδομένα τα βλέπουν μόνο όσοι χειρίζονται την υπόθεσή "
                        "σας και δεν δημοσιοποιούνται ποτέ."
                    ),
                ),
                (
                    "Προσανατολισμός στον πελάτη",
                    (
                        "Σας ακούμε· μπορείτε να μας πείτε ποια λύση επιθυμείτε, να απαντήσετε "
                        "στην απόφασή μας και να μας πείτε πόσο ικανοποιημένοι είστε."
                    ),
                ),
                (
                    "Λογοδοσία",
                    (
                        "Κάθε ενέργεια στην υπόθεσή σας καταγράφεται με το ποιος την έκανε, πότε "
                        "και γιατί, και για κάθε βήμα υπάρχει συγκεκριμένος υπεύθυνος."
                    ),
                ),
                (
                    "Βελτίωση",
                    (
                        "Αναλύουμε τα παράπονα για να βρίσκουμε τις βαθύτερες αιτίες τους και να "
                        "βελτιώνουμε τις υπηρεσίες μας."
                    ),
                ),
                (
                    "Ικανότητα",
                    (
                        "Το παράπονό σας το χειρίζεται εκπαιδευμένο προσωπικό με τις κατάλληλες "
                        "γνώσεις για το θέμα."
                    ),
                ),
                (
                    "Έγκαιρη διεκπεραίωση",
                    (
                        "Κάθε βήμα έχει προθεσμία· αν δεν τηρηθεί, ειδοποιείται ο προϊστάμενος "
                        "και στη συνέχεια ο υπεύθυνος διαχείρισης παραπόνων."
                    ),
                ),
            ),
            "body": "",
        },
        "it": {
            "title": "I nostri principi guida",
            "intro": (
                "Seguiamo i principi guida della ISO 10002:2018, la norma internazionale sulla "
                "gestione dei reclami. Ecco cosa significano per te."
            ),
            "principles": _principles(
                (
                    "Trasparenza",
                    (
                        "Pubblichiamo come presentare un reclamo, come lo gestiamo, i nostri "
                        "tempi e il significato di ogni fase della tua pratica."
                    ),
                ),
                (
                    "Accessibilità",
                    (
                        "Puoi presentare un reclamo online, via email, per telefono, per posta o "
                        "di persona, in cinque lingue, e aiutiamo chiunque abbia bisogno di "
                        "supporto."
                    ),
                ),
                (
                    "Reattività",
                    (
                        "Confermiamo subito la ricezione con un numero di pratica e ti teniamo "
                        "informato a ogni passaggio."
                    ),
                ),
                (
                    "Obiettività",
                    (
                        "Ogni reclamo è trattato in modo equo e imparziale; nessuno esamina un "
                        "reclamo che lo riguarda."
                    ),
                ),
                ("Gratuità", "Presentare un reclamo è sempre gratuito."),
                (
                    "Integrità delle informazioni",
                    (
                        "Verifichiamo che quanto registriamo sul tuo reclamo sia completo e "
                        "corretto, e la cronologia della tua pratica non può essere modificata."
                    ),
                ),
                (
                    "Riservatezza",
                    (
                        "I tuoi dati personali sono visibili solo a chi gestisce la tua pratica e "
                        "non vengono mai resi pubblici."
                    ),
                ),
                (
                    "Attenzione al cliente",
                    (
                        "Ti ascoltiamo; puoi indicarci il risultato che desideri, rispondere alla "
                        "nostra decisione e dirci quanto sei soddisfatto."
                    ),
                ),
                (
                    "Responsabilità",
                    (
                        "Ogni azione sulla tua pratica viene registrata con chi l'ha compiuta, "
                        "quando e perché, e ogni fase ha un responsabile con nome e cognome."
                    ),
                ),
                (
                    "Miglioramento",
                    (
                        "Analizziamo i reclami per individuarne le cause profonde e migliorare i "
                        "nostri servizi."
                    ),
                ),
                (
                    "Competenza",
                    (
                        "Il tuo reclamo è gestito da personale formato e con le competenze adatte "
                        "all'argomento."
                    ),
                ),
                (
                    "Tempestività",
                    (
                        "Ogni fase ha una scadenza; se non viene rispettata, vengono avvisati "
                        "prima un supervisore e poi un responsabile."
                    ),
                ),
            ),
            "body": "",
        },
        "tr": {
            "title": "Yol gösterici ilkelerimiz",
            "intro": (
                "Şikâyetlerin ele alınmasına ilişkin uluslararası standart olan ISO 10002:2018'in "
                "yol gösterici ilkelerini uyguluyoruz. Bu ilkelerin sizin için anlamı şöyledir:"
            ),
            "principles": _principles(
                (
                    "Şeffaflık",
                    (
                        "Nasıl şikâyette bulunabileceğinizi, şikâyetleri nasıl ele aldığımızı, "
                        "sürelerimizi ve başvurunuzun her aşamasının ne anlama geldiğini "
                        "yayımlarız."
                    ),
                ),
                (
                    "Erişilebilirlik",
                    (
                        "Çevrim içi, e-posta, telefon, posta yoluyla veya şahsen, beş dilde "
                        "şikâyette bulunabilirsiniz; desteğe ihtiyaç duyan herkese yardımcı "
                        "oluruz."
                    ),
                ),
                (
                    "Duyarlılık",
                    (
                        "Şikâyetinizin alındığını bir takip numarasıyla hemen bildirir, sizi her "
                        "adımda bilgilendiririz."
                    ),
                ),
                (
                    "Tarafsızlık",
                    (
                        "Her şikâyet adil ve tarafsız biçimde ele alınır; hiç kimse kendisi "
                        "hakkındaki bir şikâyeti incelemez."
                    ),
                ),
                ("Ücretsizlik", "Şikâyette bulunmak her zaman ücretsizdir."),
                (
                    "Bilgi bütünlüğü",
                    (
                        "Şikâyetinizle ilgili kaydettiğimiz bilgilerin eksiksiz ve doğru olduğunu "
                        "kontrol ederiz; başvurunuzun geçmişi sonradan değiştirilemez."
                    ),
                ),
                (
                    "Gizlilik",
                    (
                        "Kişisel verilerinizi yalnızca başvurunuzla ilgilenen kişiler görür ve bu "
                        "veriler asla kamuya açıklanmaz."
                    ),
                ),
                (
                    "Müşteri odaklılık",
                    (
                        "Sizi dinleriz; nasıl bir çözüm beklediğinizi belirtebilir, kararımıza "
                        "yanıt verebilir ve ne kadar memnun kaldığınızı bize iletebilirsiniz."
                    ),
                ),
                (
                    "Hesap verebilirlik",
                    (
                        "Başvurunuzla ilgili her işlem, kimin, ne zaman ve neden yaptığıyla "
                        "birlikte kaydedilir; her adımın adı belli bir sorumlusu vardır."
                    ),
                ),
                (
                    "İyileştirme",
                    (
                        "Şikâyetlerin temel nedenlerini bulmak ve hizmetlerimizi iyileştirmek "
                        "için şikâyetleri analiz ederiz."
                    ),
                ),
                (
                    "Yetkinlik",
                    (
                        "Şikâyetiniz, konuya uygun becerilere sahip eğitimli personel tarafından "
                        "ele alınır."
                    ),
                ),
                (
                    "Zamanında işlem",
                    (
                        "Her adımın bir süresi vardır; süre aşılırsa önce bir amir, ardından bir "
                        "yönetici uyarılır."
                    ),
                ),
            ),
            "body": "",
        },
    },
}

HOW_TO_COMPLAIN_PAGE = {
    "model": "HowToComplainPage",
    "slug": "how-to-complain",
    "fields": {},
    "text": {
        "en": {
            "title": "How to complain",
            "intro": (
                "You can send us a complaint, a suggestion or a compliment in whichever way "
                "suits you best. It is free and you do not need an account."
            ),
            "body": (
                "<p>Tell us what happened, when and where, and what you would like us to do. If "
                "you have documents or photos, keep them: we may ask you for them.</p>"
                "<h2>What happens next</h2>"
                "<ul>"
                "<li><strong>Straight away</strong>: you receive a tracking number and an access "
                "code, by email or text message.</li>"
                "<li><strong>Within 2 days</strong>: we assess your complaint and pass it to the "
                "right person.</li>"
                "<li><strong>Within 15 days</strong>: we investigate and send you our decision "
                "with the reasons.</li>"
                "<li><strong>After the decision</strong>: we close the case, noting whether you "
                "accept the decision, and ask you how satisfied you are with the way we handled "
                "it.</li>"
                "</ul>"
                "<p>Urgent complaints are handled much faster. You can follow your case on this "
                "website at any time with your tracking number.</p>"
                "<h2>Help to complain</h2>"
                "<p>If you need help to make a complaint, for example because of a disability or "
                "a language barrier, call us or visit a service desk and we will help you.</p>"
            ),
        },
        "ar": {
            "title": "كيفية تقديم شكوى",
            "intro": (
                "يمكنكم أن ترسلوا إلينا شكوى أو اقتراحًا أو إشادة بالطريقة التي تناسبكم. "
                "الخدمة مجانية ولا تحتاجون إلى إنشاء حساب."
            ),
            "body": (
                "<p>أخبرونا بما حدث، ومتى وأين حدث، وما الذي تريدون منا أن نفعله. وإذا كانت "
                "لديكم مستندات أو صور فاحتفظوا بها، فقد نطلبها منكم.</p>"
                "<h2>ماذا يحدث بعد ذلك</h2>"
                "<ul>"
                "<li><strong>فورًا</strong>: تتلقون رقم تتبع ورمز وصول عبر البريد الإلكتروني أو "
                "رسالة نصية.</li>"
                "<li><strong>خلال يومين</strong>: نقيّم شكواكم ونحيلها إلى الموظف المختص.</li>"
                "<li><strong>خلال 15 يومًا</strong>: نحقق في شكواكم ونرسل إليكم قرارنا مع "
                "أسبابه.</li>"
                "<li><strong>بعد القرار</strong>: نغلق الطلب مع تسجيل ما إذا كنتم قد قبلتم "
                "القرار، ونسألكم عن مدى رضاكم عن طريقة معالجتنا له.</li>"
                "</ul>"
                "<p>نعالج الشكاوى العاجلة بسرعة أكبر بكثير. ويمكنكم متابعة طلبكم على هذا الموقع "
                "في أي وقت باستخدام رقم التتبع.</p>"
                "<h2>المساعدة في تقديم الشكوى</h2>"
                "<p>إذا كنتم بحاجة إلى مساعدة لتقديم شكوى، بسبب إعاقة أو صعوبة لغوية مثلًا، "
                "فاتصلوا بنا أو زوروا أحد مكاتب خدمة العملاء وسنساعدكم.</p>"
            ),
        },
        "el": {
            "title": "Πώς να υποβάλετε παράπονο",
            "intro": (
                "Μπορείτε να μας στείλετε ένα παράπονο, μια πρόταση ή έναν έπαινο με "
                "όποιον τρόπο σας εξυπηρετεί καλύτερα. Είναι δωρεάν και δεν χρειάζεστε "
                "λογαριασμό."
            ),
            "body": (
                "<p>Πείτε μας τι συνέβη, πότε και πού, και τι θα θέλατε να κάνουμε. Αν έχετε "
                "έγγραφα ή φωτογραφίες, κρατήστε τα: μπορεί να σας τα ζητήσουμε.</p>"
                "<h2>Τι γίνεται στη συνέχεια</h2>"
                "<ul>"
                "<li><strong>Αμέσως</strong>: λαμβάνετε αριθμό παρακολούθησης και κωδικό "
                "πρόσβασης με email ή γραπτό μήνυμα (SMS).</li>"
                "<li><strong>Μέσα σε 2 ημέρες</strong>: αξιολογούμε το παράπονό σας και το "
                "αναθέτουμε στο κατάλληλο πρόσωπο.</li>"
                "<li><strong>Μέσα σε 15 ημέρες</strong>: διερευνούμε το θέμα και σας στέλνουμε "
                "την απόφασή μας με το σκεπτικό της.</li>"
                "<li><strong>Μετά την απόφαση</strong>: κλείνουμε την υπόθεση, καταγράφοντας αν "
                "αποδέχεστε την απόφαση, και σας ρωτάμε πόσο ικανοποιημένοι είστε από τον τρόπο "
                "που τη χειριστήκαμε.</li>"
                "</ul>"
                "<p>Τα επείγοντα παράπονα εξετάζονται πολύ πιο γρήγορα. Μπορείτε να "
                "παρακολουθείτε την υπόθεσή σας σε αυτόν τον ιστότοπο ανά πάσα στιγμή με τον "
                "αριθμό παρακολούθησης.</p>"
                "<h2>Βοήθεια για την υποβολή παραπόνου</h2>"
                "<p>Αν χρειάζεστε βοήθεια για να υποβάλετε παράπονο, για παράδειγμα λόγω "
                "αναπηρίας ή γλώσσας, τηλεφωνήστε μας ή επισκεφθείτε ένα σημείο εξυπηρέτησης "
                "και θα σας βοηθήσουμε.</p>"
            ),
        },
        "it": {
            "title": "Come presentare un reclamo",
            "intro": (
                "Puoi inviarci un reclamo, un suggerimento o un apprezzamento nel modo che "
                "preferisci. È gratuito e non serve un account."
            ),
            "body": (
                "<p>Raccontaci cosa è successo, quando e dove, e cosa vorresti che facessimo. Se "
                "hai documenti o foto, conservali: potremmo chiederteli.</p>"
                "<h2>Cosa succede dopo</h2>"
                "<ul>"
                "<li><strong>Subito</strong>: ricevi un numero di pratica e un codice di accesso "
                "via email o SMS.</li>"
                "<li><strong>Entro 2 giorni</strong>: valutiamo il tuo reclamo e lo affidiamo "
                "alla persona giusta.</li>"
                "<li><strong>Entro 15 giorni</strong>: svolgiamo le verifiche necessarie e ti "
                "inviamo la nostra decisione con le motivazioni.</li>"
                "<li><strong>Dopo la decisione</strong>: chiudiamo la pratica, annotando se "
                "accetti la decisione, e ti chiediamo quanto sei soddisfatto di come l'abbiamo "
                "gestita.</li>"
                "</ul>"
                "<p>I reclami urgenti vengono trattati molto più rapidamente. Puoi seguire la tua "
                "pratica su questo sito in qualsiasi momento con il numero di pratica.</p>"
                "<h2>Aiuto per presentare un reclamo</h2>"
                "<p>Se hai bisogno di aiuto per presentare un reclamo, ad esempio a causa di una "
                "disabilità o di difficoltà con la lingua, chiamaci o vieni a uno dei nostri "
                "sportelli: ti aiuteremo noi.</p>"
            ),
        },
        "tr": {
            "title": "Nasıl şikâyette bulunabilirsiniz?",
            "intro": (
                "Şikâyet, öneri veya teşekkürünüzü bize size en uygun yoldan iletebilirsiniz. "
                "Bu hizmet ücretsizdir ve hesap açmanız gerekmez."
            ),
            "body": (
                "<p>Bize ne olduğunu, ne zaman ve nerede olduğunu ve ne yapmamızı istediğinizi "
                "anlatın. Belge veya fotoğraflarınız varsa saklayın; sizden isteyebiliriz.</p>"
                "<h2>Sonra ne olur?</h2>"
                "<ul>"
                "<li><strong>Hemen</strong>: e-posta veya kısa mesajla bir takip numarası ve "
                "erişim kodu alırsınız.</li>"
                "<li><strong>2 gün içinde</strong>: şikâyetinizi değerlendirir ve doğru kişiye "
                "yönlendiririz.</li>"
                "<li><strong>15 gün içinde</strong>: konuyu inceler ve kararımızı "
                "gerekçeleriyle birlikte size iletiriz.</li>"
                "<li><strong>Karardan sonra</strong>: kararı kabul edip etmediğinizi kaydederek "
                "başvurunuzu kapatır ve süreçten ne kadar memnun kaldığınızı sorarız.</li>"
                "</ul>"
                "<p>Acil şikâyetler çok daha hızlı ele alınır. Başvurunuzu takip numaranızla bu "
                "web sitesinden dilediğiniz zaman izleyebilirsiniz.</p>"
                "<h2>Şikâyette bulunmak için yardım</h2>"
                "<p>Şikâyette bulunmak için yardıma ihtiyacınız varsa (örneğin bir engellilik "
                "durumu veya dil nedeniyle), bizi arayın ya da hizmet noktalarımızdan birine "
                "gelin; size yardımcı olalım.</p>"
            ),
        },
    },
}

# The channels besides the online form, shown on the "how to complain" page (ContactSettings).
# Addresses and opening hours are written one item a line.
CONTACT_SETTINGS = {
    "fields": {"email": "complaints@example.org", "phone": "0800 000 0000"},
    "text": {
        "en": {
            "phone_hours": "Monday to Friday, 9:00 to 17:00",
            "postal_address": "Complaints Office\n1 Example Street\nExample City",
            "counter_address": (
                "Customer service desk, ground floor\n1 Example Street\nExample City"
            ),
            "counter_hours": "Monday to Friday, 9:00 to 17:00",
        },
        "ar": {
            "phone_hours": "من الاثنين إلى الجمعة، من الساعة 9:00 إلى الساعة 17:00",
            "postal_address": "مكتب الشكاوى\n1 شارع المثال\nمدينة المثال",
            "counter_address": "مكتب خدمة العملاء، الطابق الأرضي\n1 شارع المثال\nمدينة المثال",
            "counter_hours": "من الاثنين إلى الجمعة، من الساعة 9:00 إلى الساعة 17:00",
        },
        "el": {
            "phone_hours": "Δευτέρα έως Παρασκευή, 9:00 έως 17:00",
            "postal_address": "Γραφείο Παραπόνων\nΟδός Παραδείγματος 1\nΠόλη Παραδείγματος",
            "counter_address": (
                "Σημείο εξυπηρέτησης πελατών, ισόγειο\nΟδός Παραδείγματος 1\nΠόλη Παραδείγματος"
            ),
            "counter_hours": "Δευτέρα έως Παρασκευή, 9:00 έως 17:00",
        },
        "it": {
            "phone_hours": "Dal lunedì al venerdì, dalle 9:00 alle 17:00",
            "postal_address": "Ufficio Reclami\nVia Esempio 1\nCittà Esempio",
            "counter_address": "Sportello clienti, piano terra\nVia Esempio 1\nCittà Esempio",
            "counter_hours": "Dal lunedì al venerdì, dalle 9:00 alle 17:00",
        },
        "tr": {
            "phone_hours": "Pazartesiden cumaya, 09.00–17.00 arası",
            "postal_address": "Şikâyet Birimi\nÖrnek Sokak No: 1\nÖrnek Şehir",
            "counter_address": (
                "Müşteri hizmetleri noktası, zemin kat\nÖrnek Sokak No: 1\nÖrnek Şehir"
            ),
            "counter_hours": "Pazartesiden cumaya, 09.00–17.00 arası",
        },
    },
}

# The feedback form's texts (the FeedbackFormTexts setting; the form is a Django view).
FEEDBACK_FORM_TEXTS = {
    "text": {
        "en": {
            "title": "Send us a complaint, suggestion or compliment",
            "intro": (
                "<p>Tell us in your own words what happened. It takes about five minutes, it is "
                "free and you do not need an account. We use your details only to handle your "
                "feedback.</p>"
            ),
            "confirmation_text": (
                "<h2>What happens next</h2>"
                "<ul>"
                "<li>We assess your feedback and pass it to the team responsible, normally "
                "within 2 days.</li>"
                "<li>If it is a complaint, a member of staff who was not involved investigates "
                "it and sends you our decision with the reasons, normally within 15 days.</li>"
                "<li>We write to you at every step. If you disagree with our decision, reply and "
                "tell us why.</li>"
                "</ul>"
                "<p>Suggestions and compliments go to the team concerned. Thank you for helping "
                "us improve.</p>"
            ),
        },
        "ar": {
            "title": "أرسلوا إلينا شكوى أو اقتراحًا أو إشادة",
            "intro": (
                "<p>أخبرونا بكلماتكم عما حدث. يستغرق ذلك نحو خمس دقائق، والخدمة مجانية ولا "
                "تحتاجون إلى إنشاء حساب. ولا نستخدم بياناتكم إلا لمعالجة ملاحظاتكم.</p>"
            ),
            "confirmation_text": (
                "<h2>ماذا يحدث بعد ذلك</h2>"
                "<ul>"
                "<li>نقيّم ملاحظاتكم ونحيلها إلى الفريق المختص، عادةً خلال يومين.</li>"
                "<li>إذا كانت شكوى، يحقق فيها موظف لم يكن طرفًا فيما حدث، ويرسل إليكم قرارنا مع "
                "أسبابه، عادةً خلال 15 يومًا.</li>"
                "<li>نراسلكم في كل خطوة. وإذا لم توافقوا على قرارنا، فردّوا علينا وأخبرونا "
                "بالسبب.</li>"
                "</ul>"
                "<p>تُحال الاقتراحات والإشادات إلى الفريق المعني. شكرًا لأنكم تساعدوننا على "
                "التحسن.</p>"
            ),
        },
        "el": {
            "title": "Στείλτε μας παράπονο, πρόταση ή έπαινο",
            "intro": (
                "<p>Πείτε μας με δικά σας λόγια τι συνέβη. Χρειάζονται περίπου πέντε λεπτά, "
                "είναι δωρεάν και δεν χρειάζεστε λογαριασμό. Χρησιμοποιούμε τα στοιχεία σας μόνο "
                "για να εξετάσουμε το μήνυμά σας.</p>"
            ),
            "confirmation_text": (
                "<h2>Τι γίνεται στη συνέχεια</h2>"
                "<ul>"
                "<li>Αξιολογούμε το μήνυμά σας και το διαβιβάζουμε στην αρμόδια ομάδα, συνήθως "
                "μέσα σε 2 ημέρες.</li>"
                "<li>Αν πρόκειται για παράπονο, το διερευνά μέλος του προσωπικού που δεν είχε "
                "εμπλοκή και σας στέλνει την απόφασή μας με το σκεπτικό της, συνήθως μέσα σε "
                "15 ημέρες.</li>"
                "<li>Σας ενημερώνουμε γραπτώς σε κάθε βήμα. Αν διαφωνείτε με την απόφασή μας, "
                "απαντήστε μας και εξηγήστε μας γιατί.</li>"
                "</ul>"
                "<p>Οι προτάσεις και οι έπαινοι διαβιβάζονται στην αρμόδια ομάδα. Σας "
                "ευχαριστούμε που μας βοηθάτε να βελτιωθούμε.</p>"
            ),
        },
        "it": {
            "title": "Inviaci un reclamo, un suggerimento o un apprezzamento",
            "intro": (
                "<p>Raccontaci con parole tue cosa è successo. Ci vogliono circa cinque minuti, è "
                "gratuito e non serve un account. Usiamo i tuoi dati solo per gestire la tua "
                "segnalazione.</p>"
            ),
            "confirmation_text": (
                "<h2>Cosa succede adesso</h2>"
                "<ul>"
                "<li>Valutiamo la tua segnalazione e la affidiamo al team competente, di norma "
                "entro 2 giorni.</li>"
                "<li>Se si tratta di un reclamo, una persona del nostro staff non coinvolta nei "
                "fatti lo esamina e ti invia la nostra decisione con le motivazioni, di norma "
                "entro 15 giorni.</li>"
                "<li>Ti scriviamo a ogni passaggio. Se non sei d'accordo con la nostra decisione, "
                "rispondici e spiegaci perché.</li>"
                "</ul>"
                "<p>Suggerimenti e apprezzamenti vengono inoltrati al team interessato. Grazie "
                "per aiutarci a migliorare.</p>"
            ),
        },
        "tr": {
            "title": "Bize şikâyet, öneri veya teşekkürünüzü iletin",
            "intro": (
                "<p>Ne olduğunu bize kendi cümlelerinizle anlatın. Yaklaşık beş dakika sürer, "
                "ücretsizdir ve hesap açmanız gerekmez. Bilgilerinizi yalnızca başvurunuzu "
                "sonuçlandırmak için kullanırız.</p>"
            ),
            "confirmation_text": (
                "<h2>Sonra ne olacak?</h2>"
                "<ul>"
                "<li>Başvurunuzu değerlendirir ve genellikle 2 gün içinde ilgili ekibe "
                "yönlendiririz.</li>"
                "<li>Başvurunuz bir şikâyetse, olayla ilgisi olmayan bir çalışanımız konuyu "
                "inceler ve kararımızı gerekçeleriyle birlikte genellikle 15 gün içinde size "
                "iletir.</li>"
                "<li>Her adımda size yazarız. Kararımıza katılmıyorsanız bize yanıt verin ve "
                "nedenini belirtin.</li>"
                "</ul>"
                "<p>Öneri ve teşekkürler ilgili ekibe iletilir. Gelişmemize katkıda bulunduğunuz "
                "için teşekkür ederiz.</p>"
            ),
        },
    },
}

PROCESS_PAGE = {
    "model": "ProcessPage",
    "slug": "process",
    "fields": {},
    "text": {
        "en": {
            "title": "How we handle your feedback",
            "intro": (
                "<p>Every complaint, suggestion or compliment you send us goes through the same "
                "steps. The diagram below shows them as our staff see them in their daily work, "
                "so it always matches what really happens to your case.</p>"
                "<p>The table under the diagram explains each status you can see when you follow "
                "your case with your tracking number, and how long each step should take for "
                "each priority. We set the priority when we assess your feedback; most "
                "complaints have normal priority.</p>"
            ),
            "body": (
                "<h2>If you disagree with our decision</h2>"
                "<p>Tell us why, by replying to our decision or by contacting us in any other "
                "way. A member of staff who was not involved in the first decision will review "
                "your case and write to you. If you are still not satisfied after the review, "
                "you can turn to an outside body, such as an independent ombudsman or a "
                "dispute-resolution body: our reply tells you which one and how. Complaining and "
                "asking for a review are always free of charge.</p>"
            ),
        },
        "ar": {
            "title": "كيف نعالج ملاحظاتكم",
            "intro": (
                "<p>تمر كل شكوى أو اقتراح أو إشادة ترسلونها إلينا بالخطوات نفسها. ويعرض المخطط "
                "أدناه هذه الخطوات كما يراها موظفونا في عملهم اليومي، ولذلك فهو يطابق دائمًا ما "
                "يجري فعلًا لطلبكم.</p>"
                "<p>ويشرح الجدول الوارد تحت المخطط معنى كل حالة قد تظهر لكم عند متابعة طلبكم "
                "برقم التتبع، والمدة التي يُفترض أن تستغرقها كل خطوة بحسب الأولوية. ونحدد "
                "الأولوية عند تقييم ملاحظاتكم، ومعظم الشكاوى ذات أولوية عادية.</p>"
            ),
            "body": (
                "<h2>إذا لم توافقوا على قرارنا</h2>"
                "<p>أخبرونا بالسبب، بالرد على قرارنا أو بالتواصل معنا بأي وسيلة أخرى. وسيعيد "
                "النظر في طلبكم موظف لم يشارك في القرار الأول، ثم يراسلكم بالنتيجة. وإذا بقيتم "
                "غير راضين بعد إعادة النظر، يمكنكم اللجوء إلى جهة خارجية، مثل أمين مظالم مستقل "
                "أو جهة مستقلة لتسوية النزاعات، وسنوضح لكم في ردنا الجهة المختصة وكيفية اللجوء "
                "إليها. تقديم الشكوى وطلب إعادة النظر مجانيان دائمًا.</p>"
            ),
        },
        "el": {
            "title": "Πώς χειριζόμαστε τα παράπονα και τις προτάσεις σας",
            "intro": (
                "<p>Κάθε παράπονο, πρόταση ή έπαινος που μας στέλνετε περνά από τα ίδια βήματα. "
                "Το παρακάτω διάγραμμα τα δείχνει όπως τα βλέπει το προσωπικό μας στην "
                "καθημερινή του εργασία, γι' αυτό αντιστοιχεί πάντα σε ό,τι πραγματικά συμβαίνει "
                "με την υπόθεσή σας.</p>"
                "<p>Ο πίνακας κάτω από το διάγραμμα εξηγεί κάθε κατάσταση που μπορεί να δείτε "
                "όταν παρακολουθείτε την υπόθεσή σας με τον αριθμό παρακολούθησης, καθώς και "
                "πόσο πρέπει να διαρκεί κάθε βήμα ανάλογα με την προτεραιότητα. Ορίζουμε την "
                "προτεραιότητα όταν αξιολογούμε το μήνυμά σας· τα περισσότερα παράπονα έχουν "
                "κανονική προτεραιότητα.</p>"
            ),
            "body": (
                "<h2>Αν διαφωνείτε με την απόφασή μας</h2>"
                "<p>Πείτε μας γιατί, απαντώντας στην απόφασή μας ή επικοινωνώντας μαζί μας με "
                "οποιονδήποτε άλλο τρόπο. Ένα μέλος του προσωπικού που δεν συμμετείχε στην "
                "αρχική απόφαση θα επανεξετάσει την υπόθεσή σας και θα σας απαντήσει γραπτώς. "
                "Αν μετά την επανεξέταση εξακολουθείτε να μην είστε ικανοποιημένοι, μπορείτε να "
                "απευθυνθείτε σε εξωτερικό φορέα, όπως έναν ανεξάρτητο φορέα διαμεσολάβησης ή "
                "εναλλακτικής επίλυσης διαφορών· στην απάντησή μας θα σας εξηγήσουμε σε ποιον "
                "και πώς. Η υποβολή παραπόνου και το αίτημα επανεξέτασης είναι πάντα "
                "δωρεάν.</p>"
            ),
        },
        "it": {
            "title": "Come gestiamo le tue segnalazioni",
            "intro": (
                "<p>Ogni reclamo, suggerimento o apprezzamento che ci invii segue gli stessi "
                "passaggi. Il diagramma qui sotto li mostra così come li vede il nostro personale "
                "nel lavoro di tutti i giorni: per questo corrisponde sempre a ciò che accade "
                "davvero alla tua pratica.</p>"
                "<p>La tabella sotto il diagramma spiega ogni stato che puoi vedere quando segui "
                "la tua pratica con il numero di pratica, e quanto dovrebbe durare ogni passaggio "
                "a seconda della priorità. Stabiliamo la priorità quando valutiamo la tua "
                "segnalazione; la maggior parte dei reclami ha priorità normale.</p>"
            ),
            "body": (
                "<h2>Se non sei d'accordo con la nostra decisione</h2>"
                "<p>Spiegaci perché, rispondendo alla nostra decisione o contattandoci in "
                "qualsiasi altro modo. Una persona del nostro staff che non ha partecipato alla "
                "prima decisione riesaminerà la tua pratica e ti scriverà. Se dopo il riesame non "
                "sei ancora soddisfatto, puoi rivolgerti a un organismo esterno, come un "
                "difensore civico o un organismo indipendente di risoluzione delle controversie: "
                "nella nostra risposta ti indichiamo a chi e come. Presentare un reclamo e "
                "chiederne il riesame è sempre gratuito.</p>"
            ),
        },
        "tr": {
            "title": "Başvurunuzu nasıl ele alıyoruz?",
            "intro": (
                "<p>Bize gönderdiğiniz her şikâyet, öneri veya teşekkür aynı adımlardan geçer. "
                "Aşağıdaki şema bu adımları çalışanlarımızın günlük işlerinde gördüğü şekliyle "
                "gösterir; bu nedenle başvurunuza gerçekte ne olduğuyla her zaman örtüşür.</p>"
                "<p>Şemanın altındaki tablo, başvurunuzu takip numaranızla izlerken "
                "görebileceğiniz her durumun ne anlama geldiğini ve her adımın önceliğe göre ne "
                "kadar sürmesi gerektiğini açıklar. Önceliği başvurunuzu değerlendirirken "
                "belirleriz; şikâyetlerin çoğu normal önceliklidir.</p>"
            ),
            "body": (
                "<h2>Kararımıza katılmıyorsanız</h2>"
                "<p>Kararımıza yanıt vererek ya da bize başka bir yoldan ulaşarak nedenini "
                "bildirin. İlk karara katılmamış bir çalışanımız başvurunuzu yeniden inceler ve "
                "size yazılı olarak yanıt verir. Bu incelemeden sonra da memnun kalmazsanız "
                "bağımsız bir kamu denetçisi (ombudsman) veya uyuşmazlık çözüm kuruluşu gibi dış "
                "bir merciye başvurabilirsiniz; hangisine ve nasıl başvuracağınızı yanıtımızda "
                "belirtiriz. Şikâyette bulunmak ve yeniden inceleme istemek her zaman "
                "ücretsizdir.</p>"
            ),
        },
    },
}

FAQ_PAGE = {
    "model": "StandardPage",
    "slug": "faq",
    "fields": {},
    "text": {
        "en": {
            "title": "Frequently asked questions",
            "intro": (
                "Short answers to the questions we are asked most often. If yours is not here, "
                "contact us in whichever way suits you best: we are glad to help."
            ),
            "body": (
                "<h2>Do I need an account?</h2>"
                "<p>No. You can send us a complaint, a suggestion or a compliment without creating "
                "an account. When you send it, we give you a tracking number and an access code "
                "instead.</p>"
                "<h2>Does it cost anything?</h2>"
                "<p>No. Making a complaint, following your case and asking for a review are always "
                "free of charge.</p>"
                "<h2>Can I complain anonymously?</h2>"
                "<p>Yes: in the form, choose not to give your name. Keep the tracking number and "
                "the access code we show you at the end, because they are then the only way to "
                "follow your case. We cannot reply to you or ask you for more information, so tell "
                "us everything we need to know.</p>"
                "<h2>How long will it take?</h2>"
                "<p>It depends on the priority of your case. The target time for each step and "
                'each priority is on the page <a href="/en/process/">How we handle your '
                "feedback</a>. If a step takes longer, a supervisor is alerted automatically.</p>"
                "<h2>How do I follow my case?</h2>"
                '<p>On the <a href="/en/track/">tracking page</a>, enter your tracking number '
                "together with the email address or mobile number you gave us, or with the access "
                "code from our acknowledgement. You then see the status of your case and what it "
                "means.</p>"
                "<h2>What files can I send?</h2>"
                "<p>Up to 5 files of up to 10 MB each, in these formats: PDF, JPEG, PNG, HEIC, "
                "WebP, Word (DOCX), OpenDocument (ODT) and plain text. Photos of a document or of "
                "the problem are welcome.</p>"
                "<h2>What if I disagree with the decision?</h2>"
                "<p>Tell us why. A member of staff who was not involved in the first decision "
                "reviews your case. If you are still not satisfied, you can turn to an independent "
                'ombudsman or dispute-resolution body. The page <a href="/en/process/">How we '
                "handle your feedback</a> explains the details.</p>"
                "<h2>Who sees my information?</h2>"
                "<p>Only the members of staff handling your case. We never publish it, and every "
                "time someone opens one of your files, this is recorded. Read our "
                '<a href="/en/privacy/">privacy notice</a> to find out more.</p>'
            ),
        },
        "ar": {
            "title": "الأسئلة الشائعة",
            "intro": (
                "إجابات مختصرة عن أكثر الأسئلة التي تصلنا. وإذا لم تجدوا سؤالكم هنا، فتواصلوا معنا "
                "بالطريقة التي تناسبكم، ويسعدنا أن نساعدكم."
            ),
            "body": (
                "<h2>هل أحتاج إلى حساب؟</h2>"
                "<p>لا. يمكنكم أن ترسلوا إلينا شكوى أو اقتراحًا أو إشادة دون إنشاء حساب. وعند "
                "الإرسال نزودكم برقم تتبع ورمز وصول.</p>"
                "<h2>هل هناك أي رسوم؟</h2>"
                "<p>لا. تقديم الشكوى ومتابعة طلبكم وطلب إعادة النظر مجانية دائمًا.</p>"
                "<h2>هل يمكنني تقديم شكوى دون الكشف عن هويتي؟</h2>"
                "<p>نعم، اختاروا في النموذج عدم ذكر اسمكم. واحتفظوا برقم التتبع ورمز الوصول اللذين "
                "نعرضهما لكم في النهاية، لأنهما يصبحان عندئذ الوسيلة الوحيدة لمتابعة طلبكم. ولن "
                "نتمكن من الرد عليكم أو من طلب معلومات إضافية منكم، لذا أخبرونا بكل ما نحتاج إلى "
                "معرفته.</p>"
                "<h2>كم من الوقت يستغرق ذلك؟</h2>"
                "<p>يتوقف ذلك على أولوية طلبكم. وتجدون المدة المستهدفة لكل خطوة ولكل أولوية في "
                'صفحة <a href="/ar/process/">كيف نعالج ملاحظاتكم</a>. وإذا استغرقت خطوة ما وقتًا '
                "أطول، يُنبَّه المشرف تلقائيًا.</p>"
                "<h2>كيف أتابع طلبي؟</h2>"
                '<p>في <a href="/ar/track/">صفحة المتابعة</a>، أدخلوا رقم التتبع مع البريد '
                "الإلكتروني أو رقم الهاتف المحمول الذي زودتمونا به، أو مع رمز الوصول الوارد في "
                "إشعار الاستلام. وستظهر لكم حالة طلبكم ومعناها.</p>"
                "<h2>ما الملفات التي يمكنني إرسالها؟</h2>"
                "<p>حتى 5 ملفات، لا يتجاوز حجم كل منها 10 ميغابايت، بالصيغ التالية: PDF وJPEG وPNG "
                "وHEIC وWebP وWord (DOCX) وOpenDocument (ODT) والنص العادي. ونرحب بصور المستندات "
                "أو صور المشكلة.</p>"
                "<h2>ماذا أفعل إذا لم أوافق على القرار؟</h2>"
                "<p>أخبرونا بالسبب، وسيعيد النظر في طلبكم موظف لم يشارك في القرار الأول. وإذا "
                "بقيتم غير راضين، يمكنكم اللجوء إلى أمين مظالم مستقل أو إلى جهة مستقلة لتسوية "
                'النزاعات. وتشرح صفحة <a href="/ar/process/">كيف نعالج ملاحظاتكم</a> '
                "التفاصيل.</p>"
                "<h2>من يطلع على بياناتي؟</h2>"
                "<p>لا يطلع عليها إلا الموظفون المكلفون بمعالجة طلبكم. ولا ننشرها أبدًا، ويُسجَّل "
                'كل فتح لأي من ملفاتكم. ولمزيد من المعلومات، اقرؤوا <a href="/ar/privacy/">إشعار '
                "الخصوصية</a>.</p>"
            ),
        },
        "el": {
            "title": "Συχνές ερωτήσεις",
            "intro": (
                "Σύντομες απαντήσεις στις ερωτήσεις που μας κάνουν πιο συχνά. Αν δεν βρίσκετε εδώ "
                "την ερώτησή σας, επικοινωνήστε μαζί μας με όποιον τρόπο σας εξυπηρετεί: θα "
                "χαρούμε να σας βοηθήσουμε."
            ),
            "body": (
                "<h2>Χρειάζομαι λογαριασμό;</h2>"
                "<p>Όχι. Μπορείτε να μας στείλετε παράπονο, πρόταση ή έπαινο χωρίς να "
                "δημιουργήσετε λογαριασμό. Όταν το στείλετε, σας δίνουμε αριθμό παρακολούθησης και "
                "κωδικό πρόσβασης.</p>"
                "<h2>Κοστίζει κάτι;</h2>"
                "<p>Όχι. Η υποβολή παραπόνου, η παρακολούθηση της υπόθεσής σας και το αίτημα "
                "επανεξέτασης είναι πάντα δωρεάν.</p>"
                "<h2>Μπορώ να υποβάλω παράπονο ανώνυμα;</h2>"
                "<p>Ναι: στη φόρμα, επιλέξτε να μη δώσετε το όνομά σας. Κρατήστε τον αριθμό "
                "παρακολούθησης και τον κωδικό πρόσβασης που σας δείχνουμε στο τέλος, γιατί τότε "
                "είναι ο μόνος τρόπος να παρακολουθείτε την υπόθεσή σας. Δεν μπορούμε να σας "
                "απαντήσουμε ούτε να σας ζητήσουμε περισσότερες πληροφορίες, γι' αυτό πείτε μας "
                "όλα όσα χρειάζεται να γνωρίζουμε.</p>"
                "<h2>Πόσο θα διαρκέσει;</h2>"
                "<p>Εξαρτάται από την προτεραιότητα της υπόθεσής σας. Ο χρόνος-στόχος για κάθε "
                'βήμα και κάθε προτεραιότητα αναφέρεται στη σελίδα <a href="/el/process/">Πώς '
                "χειριζόμαστε τα παράπονα και τις προτάσεις σας</a>. Αν ένα βήμα καθυστερήσει, "
                "ειδοποιείται αυτόματα ο προϊστάμενος.</p>"
                "<h2>Πώς παρακολουθώ την υπόθεσή μου;</h2>"
                '<p>Στη <a href="/el/track/">σελίδα παρακολούθησης</a>, εισαγάγετε τον αριθμό '
                "παρακολούθησης μαζί με τη διεύθυνση email ή τον αριθμό κινητού που μας δώσατε, ή "
                "με τον κωδικό πρόσβασης από τη βεβαίωση παραλαβής μας. Θα δείτε την κατάσταση της "
                "υπόθεσής σας και τι σημαίνει.</p>"
                "<h2>Τι αρχεία μπορώ να στείλω;</h2>"
                "<p>Έως 5 αρχεία, έως 10 MB το καθένα, στις εξής μορφές: PDF, JPEG, PNG, HEIC, "
                "WebP, Word (DOCX), OpenDocument (ODT) και απλό κείμενο. Φωτογραφίες ενός εγγράφου "
                "ή του προβλήματος είναι ευπρόσδεκτες.</p>"
                "<h2>Τι γίνεται αν διαφωνώ με την απόφαση;</h2>"
                "<p>Πείτε μας γιατί. Ένα μέλος του προσωπικού που δεν συμμετείχε στην αρχική "
                "απόφαση επανεξετάζει την υπόθεσή σας. Αν εξακολουθείτε να μην είστε "
                "ικανοποιημένοι, μπορείτε να απευθυνθείτε σε ανεξάρτητο φορέα διαμεσολάβησης ή "
                'εναλλακτικής επίλυσης διαφορών. Η σελίδα <a href="/el/process/">Πώς '
                "χειριζόμαστε τα παράπονα και τις προτάσεις σας</a> εξηγεί τις λεπτομέρειες.</p>"
                "<h2>Ποιος βλέπει τα στοιχεία μου;</h2>"
                "<p>Μόνο τα μέλη του προσωπικού που χειρίζονται την υπόθεσή σας. Δεν τα "
                "δημοσιοποιούμε ποτέ, και κάθε φορά που κάποιος ανοίγει ένα από τα αρχεία σας, "
                'αυτό καταγράφεται. Περισσότερα θα βρείτε στην <a href="/el/privacy/">ενημέρωση '
                "για την προστασία προσωπικών δεδομένων</a>.</p>"
            ),
        },
        "it": {
            "title": "Domande frequenti",
            "intro": (
                "Risposte brevi alle domande che ci vengono fatte più spesso. Se non trovi la tua, "
                "contattaci nel modo che preferisci: saremo felici di aiutarti."
            ),
            "body": (
                "<h2>Mi serve un account?</h2>"
                "<p>No. Puoi inviarci un reclamo, un suggerimento o un apprezzamento senza creare "
                "un account. Quando lo invii, ti diamo un numero di pratica e un codice di "
                "accesso.</p>"
                "<h2>Costa qualcosa?</h2>"
                "<p>No. Presentare un reclamo, seguire la tua pratica e chiederne il riesame è "
                "sempre gratuito.</p>"
                "<h2>Posso presentare un reclamo in forma anonima?</h2>"
                "<p>Sì: nel modulo, scegli di non indicare il tuo nome. Conserva il numero di "
                "pratica e il codice di accesso che ti mostriamo alla fine, perché saranno l'unico "
                "modo per seguire la pratica. Non potremo risponderti né chiederti altre "
                "informazioni, quindi raccontaci tutto ciò che dobbiamo sapere.</p>"
                "<h2>Quanto tempo ci vorrà?</h2>"
                "<p>Dipende dalla priorità della tua pratica. I tempi previsti per ogni passaggio "
                'e per ogni priorità sono indicati nella pagina <a href="/it/process/">Come '
                "gestiamo le tue segnalazioni</a>. Se un passaggio richiede più tempo, un "
                "supervisore viene avvisato automaticamente.</p>"
                "<h2>Come posso seguire la mia pratica?</h2>"
                '<p>Nella <a href="/it/track/">pagina per seguire la pratica</a>, inserisci il '
                "numero di pratica insieme all'indirizzo email o al numero di cellulare che ci hai "
                "dato, oppure al codice di accesso riportato nella conferma di ricezione. Vedrai "
                "lo stato della tua pratica e il suo significato.</p>"
                "<h2>Quali file posso inviare?</h2>"
                "<p>Fino a 5 file, di massimo 10 MB ciascuno, in questi formati: PDF, JPEG, PNG, "
                "HEIC, WebP, Word (DOCX), OpenDocument (ODT) e testo semplice. Le foto di un "
                "documento o del problema sono benvenute.</p>"
                "<h2>E se non sono d'accordo con la decisione?</h2>"
                "<p>Spiegaci perché. Una persona del nostro staff che non ha partecipato alla "
                "prima decisione riesamina la tua pratica. Se non sei ancora soddisfatto, puoi "
                "rivolgerti a un difensore civico o a un organismo indipendente di risoluzione "
                'delle controversie. La pagina <a href="/it/process/">Come gestiamo le tue '
                "segnalazioni</a> spiega i dettagli.</p>"
                "<h2>Chi vede i miei dati?</h2>"
                "<p>Solo le persone del nostro staff che gestiscono la tua pratica. Non li "
                "rendiamo mai pubblici, e ogni volta che qualcuno apre uno dei tuoi file l'accesso "
                "viene registrato. Per saperne di più, leggi la nostra "
                '<a href="/it/privacy/">informativa sulla privacy</a>.</p>'
            ),
        },
        "tr": {
            "title": "Sıkça sorulan sorular",
            "intro": (
                "Bize en sık sorulan sorulara kısa yanıtlar. Sorunuzu burada bulamazsanız bize "
                "size en uygun yoldan ulaşın; yardımcı olmaktan memnuniyet duyarız."
            ),
            "body": (
                "<h2>Hesap açmam gerekiyor mu?</h2>"
                "<p>Hayır. Şikâyet, öneri veya teşekkürünüzü bize hesap açmadan iletebilirsiniz. "
                "Gönderdiğinizde size bir takip numarası ve erişim kodu veririz.</p>"
                "<h2>Herhangi bir ücret var mı?</h2>"
                "<p>Hayır. Şikâyette bulunmak, başvurunuzu takip etmek ve yeniden inceleme istemek "
                "her zaman ücretsizdir.</p>"
                "<h2>Anonim olarak şikâyette bulunabilir miyim?</h2>"
                "<p>Evet: formda adınızı vermemeyi seçin. Sonunda size gösterdiğimiz takip "
                "numarasını ve erişim kodunu saklayın; çünkü bu durumda başvurunuzu takip etmenin "
                "tek yolu bunlardır. Size yanıt veremeyeceğimiz ve sizden ek bilgi "
                "isteyemeyeceğimiz için bilmemiz gereken her şeyi bize anlatın.</p>"
                "<h2>Ne kadar sürer?</h2>"
                "<p>Bu, başvurunuzun önceliğine bağlıdır. Her adım ve her öncelik için hedef "
                'süreleri <a href="/tr/process/">Başvurunuzu nasıl ele alıyoruz?</a> sayfasında '
                "bulabilirsiniz. Bir adım daha uzun sürerse bir amir otomatik olarak uyarılır.</p>"
                "<h2>Başvurumu nasıl takip edebilirim?</h2>"
                '<p><a href="/tr/track/">Takip sayfasında</a> takip numaranızı ve bize '
                "verdiğiniz e-posta adresini veya cep telefonu numarasını ya da alındı "
                "bildirimimizdeki erişim kodunu girin. Başvurunuzun durumunu ve bunun ne anlama "
                "geldiğini görürsünüz.</p>"
                "<h2>Hangi dosyaları gönderebilirim?</h2>"
                "<p>Her biri en fazla 10 MB olmak üzere en fazla 5 dosya gönderebilirsiniz. Kabul "
                "edilen biçimler: PDF, JPEG, PNG, HEIC, WebP, Word (DOCX), OpenDocument (ODT) ve "
                "düz metin. Bir belgenin veya sorunun fotoğraflarını da gönderebilirsiniz.</p>"
                "<h2>Karara katılmıyorsam ne olur?</h2>"
                "<p>Nedenini bize bildirin. İlk karara katılmamış bir çalışanımız başvurunuzu "
                "yeniden inceler. Hâlâ memnun değilseniz bağımsız bir kamu denetçisine (ombudsman) "
                "veya uyuşmazlık çözüm kuruluşuna başvurabilirsiniz. Ayrıntıları "
                '<a href="/tr/process/">Başvurunuzu nasıl ele alıyoruz?</a> sayfasında '
                "bulabilirsiniz.</p>"
                "<h2>Bilgilerimi kimler görür?</h2>"
                "<p>Yalnızca başvurunuzla ilgilenen çalışanlarımız. Bilgilerinizi asla kamuya "
                "açıklamayız ve dosyalarınızdan biri her açıldığında bu kayda geçer. Daha fazla "
                'bilgi için <a href="/tr/privacy/">gizlilik bildirimimizi</a> okuyun.</p>'
            ),
        },
    },
}

ACCESSIBILITY_PAGE = {
    "model": "StandardPage",
    "slug": "accessibility",
    "fields": {},
    "text": {
        "en": {
            "title": "Accessibility statement",
            "intro": (
                "We want everyone to be able to use this website to send us feedback and to follow "
                "their case, whatever their abilities and whatever device or assistive technology "
                "they use."
            ),
            "body": (
                "<h2>Our commitment</h2>"
                "<p>This website aims to meet level AA of the Web Content Accessibility Guidelines "
                "(WCAG) 2.2 on every page and in every language.</p>"
                "<h2>What you can do on this website</h2>"
                "<ul>"
                "<li>Use every page, including the whole feedback form, with a keyboard "
                "alone.</li>"
                "<li>Use a screen reader: pages have clear headings, every form field has a label, "
                "and errors are explained in text, not only by colour.</li>"
                "<li>Zoom in up to 400%: the text reflows to fit the screen, without loss of "
                "content.</li>"
                "<li>Read and write in five languages: English, Arabic (shown right to left), "
                "Greek, Italian and Turkish.</li>"
                "<li>Use the website without JavaScript: every page and the feedback form work "
                "without it.</li>"
                "</ul>"
                "<h2>How we test it</h2>"
                "<p>Every time the website is changed, every page is checked automatically with "
                "the axe accessibility tools in each of the five languages. We also test the "
                "feedback form from start to finish using only a keyboard. We fix the problems we "
                "find before a change is published.</p>"
                "<h2>Tell us about a problem</h2>"
                "<p>If something on this website is hard for you to use, tell us which page and "
                "what went wrong: email complaints@example.org, call 0800 000 0000 or use the "
                "feedback form (category “Website and digital services”). We will reply and fix "
                "the problem as soon as we can.</p>"
                "<h2>Other ways to reach us</h2>"
                "<p>If you cannot use the online form, you can send us your feedback in any of "
                "these ways, and we will help you if you need it:</p>"
                "<ul>"
                "<li><strong>Telephone</strong>: 0800 000 0000, free of charge, Monday to Friday, "
                "9:00 to 17:00.</li>"
                "<li><strong>Email</strong>: complaints@example.org</li>"
                "<li><strong>Post</strong>: Complaints Office, 1 Example Street, Example "
                "City.</li>"
                "<li><strong>In person</strong>: at any of our service desks, where our staff will "
                "record your complaint with you.</li>"
                "</ul>"
                "<h2>About this statement</h2>"
                "<p>This statement was prepared on 22 November 2026. We review it at least once a "
                "year and whenever the website changes significantly.</p>"
            ),
        },
        "ar": {
            "title": "بيان إمكانية الوصول",
            "intro": (
                "نريد أن يتمكن الجميع من استخدام هذا الموقع لإرسال ملاحظاتهم ومتابعة طلباتهم، "
                "أيًّا كانت قدراتهم وأيًّا كان الجهاز أو التقنية المساعدة التي يستخدمونها."
            ),
            "body": (
                "<h2>التزامنا</h2>"
                "<p>يهدف هذا الموقع إلى استيفاء المستوى AA من إرشادات الوصول إلى محتوى الويب "
                "(WCAG) 2.2 في جميع صفحاته وبجميع لغاته.</p>"
                "<h2>ما يمكنكم فعله على هذا الموقع</h2>"
                "<ul>"
                "<li>استخدام جميع الصفحات، بما فيها نموذج الملاحظات كاملًا، بلوحة المفاتيح "
                "وحدها.</li>"
                "<li>استخدام قارئ الشاشة: للصفحات عناوين واضحة، ولكل حقل في النموذج تسمية، وتُشرح "
                "الأخطاء نصًّا لا بالألوان فقط.</li>"
                "<li>تكبير العرض حتى 400%: يُعاد ترتيب النص ليناسب الشاشة دون فقدان أي محتوى.</li>"
                "<li>القراءة والكتابة بخمس لغات: العربية (تُعرض من اليمين إلى اليسار) والإنجليزية "
                "واليونانية والإيطالية والتركية.</li>"
                "<li>استخدام الموقع دون JavaScript: تعمل جميع الصفحات ونموذج الملاحظات "
                "بدونها.</li>"
                "</ul>"
                "<h2>كيف نختبر ذلك</h2>"
                "<p>في كل مرة يُعدَّل فيها الموقع، نفحص كل صفحة آليًا بأدوات axe لإمكانية الوصول، "
                "بكل لغة من اللغات الخمس. ونختبر أيضًا نموذج الملاحظات من بدايته إلى نهايته "
                "باستخدام لوحة المفاتيح وحدها. ونصلح المشكلات التي نجدها قبل نشر أي تعديل.</p>"
                "<h2>أبلغونا عن أي مشكلة</h2>"
                "<p>إذا وجدتم صعوبة في استخدام أي جزء من هذا الموقع، فأخبرونا بالصفحة المعنية وبما "
                "حدث: راسلونا على complaints@example.org، أو اتصلوا بالرقم 0800 000 0000، أو "
                "استخدموا نموذج الملاحظات (الفئة «الموقع الإلكتروني والخدمات الرقمية»). وسنرد "
                "عليكم ونصلح المشكلة في أقرب وقت ممكن.</p>"
                "<h2>طرق أخرى للتواصل معنا</h2>"
                "<p>إذا تعذّر عليكم استخدام النموذج الإلكتروني، يمكنكم إرسال ملاحظاتكم بأي من "
                "الطرق التالية، وسنساعدكم إذا احتجتم إلى ذلك:</p>"
                "<ul>"
                "<li><strong>الهاتف</strong>: 0800 000 0000، مجانًا، من الاثنين إلى الجمعة، من "
                "الساعة 9:00 إلى الساعة 17:00.</li>"
                "<li><strong>البريد الإلكتروني</strong>: complaints@example.org</li>"
                "<li><strong>البريد العادي</strong>: مكتب الشكاوى، 1 شارع المثال، مدينة "
                "المثال.</li>"
                "<li><strong>الحضور شخصيًا</strong>: في أي من مكاتب خدمة العملاء لدينا، حيث يسجل "
                "موظفونا شكواكم معكم.</li>"
                "</ul>"
                "<h2>عن هذا البيان</h2>"
                "<p>أُعدّ هذا البيان في 22 تشرين الثاني/نوفمبر 2026. ونراجعه مرة واحدة على الأقل "
                "كل عام، وكلما أُدخلت على الموقع تغييرات كبيرة.</p>"
            ),
        },
        "el": {
            "title": "Δήλωση προσβασιμότητας",
            "intro": (
                "Θέλουμε όλοι να μπορούν να χρησιμοποιούν αυτόν τον ιστότοπο για να μας στέλνουν "
                "τα μηνύματά τους και να παρακολουθούν την υπόθεσή τους, ανεξάρτητα από τις "
                "δυνατότητές τους και από τη συσκευή ή την υποστηρικτική τεχνολογία που "
                "χρησιμοποιούν."
            ),
            "body": (
                "<h2>Η δέσμευσή μας</h2>"
                "<p>Ο ιστότοπος αυτός στοχεύει να πληροί το επίπεδο AA των Οδηγιών για την "
                "Προσβασιμότητα του Περιεχομένου του Ιστού (WCAG) 2.2 σε κάθε σελίδα και σε κάθε "
                "γλώσσα.</p>"
                "<h2>Τι μπορείτε να κάνετε σε αυτόν τον ιστότοπο</h2>"
                "<ul>"
                "<li>Να χρησιμοποιείτε όλες τις σελίδες, μαζί με ολόκληρη τη φόρμα υποβολής, μόνο "
                "με το πληκτρολόγιο.</li>"
                "<li>Να χρησιμοποιείτε πρόγραμμα ανάγνωσης οθόνης: οι σελίδες έχουν σαφείς "
                "επικεφαλίδες, κάθε πεδίο της φόρμας έχει ετικέτα και τα σφάλματα εξηγούνται με "
                "κείμενο, όχι μόνο με χρώμα.</li>"
                "<li>Να μεγεθύνετε έως 400%: το κείμενο αναδιατάσσεται ώστε να χωρά στην οθόνη, "
                "χωρίς απώλεια περιεχομένου.</li>"
                "<li>Να διαβάζετε και να γράφετε σε πέντε γλώσσες: ελληνικά, αγγλικά, αραβικά (με "
                "γραφή από τα δεξιά προς τα αριστερά), ιταλικά και τουρκικά.</li>"
                "<li>Να χρησιμοποιείτε τον ιστότοπο χωρίς JavaScript: όλες οι σελίδες και η φόρμα "
                "υποβολής λειτουργούν και χωρίς αυτή.</li>"
                "</ul>"
                "<h2>Πώς τον ελέγχουμε</h2>"
                "<p>Κάθε φορά που γίνεται αλλαγή στον ιστότοπο, κάθε σελίδα ελέγχεται αυτόματα με "
                "τα εργαλεία προσβασιμότητας axe σε καθεμία από τις πέντε γλώσσες. Επιπλέον, "
                "δοκιμάζουμε τη φόρμα υποβολής από την αρχή ως το τέλος χρησιμοποιώντας μόνο το "
                "πληκτρολόγιο. Διορθώνουμε τα προβλήματα που βρίσκουμε πριν δημοσιευτεί μια "
                "αλλαγή.</p>"
                "<h2>Αναφέρετε ένα πρόβλημα</h2>"
                "<p>Αν κάτι σε αυτόν τον ιστότοπο σας δυσκολεύει, πείτε μας σε ποια σελίδα και τι "
                "δεν λειτούργησε: στείλτε email στο complaints@example.org, τηλεφωνήστε στο 0800 "
                "000 0000 ή χρησιμοποιήστε τη φόρμα υποβολής (κατηγορία «Ιστότοπος και ψηφιακές "
                "υπηρεσίες»). Θα σας απαντήσουμε και θα διορθώσουμε το πρόβλημα το συντομότερο "
                "δυνατό.</p>"
                "<h2>Άλλοι τρόποι επικοινωνίας</h2>"
                "<p>Αν δεν μπορείτε να χρησιμοποιήσετε την ηλεκτρονική φόρμα, μπορείτε να μας "
                "στείλετε το μήνυμά σας με οποιονδήποτε από τους παρακάτω τρόπους, και θα σας "
                "βοηθήσουμε αν το χρειάζεστε:</p>"
                "<ul>"
                "<li><strong>Τηλέφωνο</strong>: 0800 000 0000, χωρίς χρέωση, Δευτέρα έως "
                "Παρασκευή, 9:00 έως 17:00.</li>"
                "<li><strong>Email</strong>: complaints@example.org</li>"
                "<li><strong>Ταχυδρομικά</strong>: Γραφείο Παραπόνων, Οδός Παραδείγματος 1, Πόλη "
                "Παραδείγματος.</li>"
                "<li><strong>Αυτοπροσώπως</strong>: σε οποιοδήποτε σημείο εξυπηρέτησής μας, όπου "
                "το προσωπικό μας θα καταγράψει μαζί σας το παράπονό σας.</li>"
                "</ul>"
                "<h2>Σχετικά με αυτή τη δήλωση</h2>"
                "<p>Η δήλωση αυτή συντάχθηκε στις 22 Νοεμβρίου 2026. Την επανεξετάζουμε "
                "τουλάχιστον μία φορά τον χρόνο και κάθε φορά που ο ιστότοπος αλλάζει "
                "σημαντικά.</p>"
            ),
        },
        "it": {
            "title": "Dichiarazione di accessibilità",
            "intro": (
                "Vogliamo che tutti possano usare questo sito per inviarci una segnalazione e "
                "seguire la propria pratica, quali che siano le loro capacità e qualunque "
                "dispositivo o tecnologia assistiva utilizzino."
            ),
            "body": (
                "<h2>Il nostro impegno</h2>"
                "<p>Questo sito punta a rispettare il livello AA delle Linee guida per "
                "l'accessibilità dei contenuti web (WCAG) 2.2 in ogni pagina e in ogni lingua.</p>"
                "<h2>Cosa puoi fare su questo sito</h2>"
                "<ul>"
                "<li>Usare tutte le pagine, compreso l'intero modulo di segnalazione, solo con la "
                "tastiera.</li>"
                "<li>Usare un lettore di schermo: le pagine hanno titoli chiari, ogni campo del "
                "modulo ha un'etichetta e gli errori sono spiegati con un testo, non solo con il "
                "colore.</li>"
                "<li>Ingrandire fino al 400%: il testo si adatta allo schermo senza perdita di "
                "contenuti.</li>"
                "<li>Leggere e scrivere in cinque lingue: italiano, inglese, arabo (scritto da "
                "destra a sinistra), greco e turco.</li>"
                "<li>Usare il sito senza JavaScript: tutte le pagine e il modulo di segnalazione "
                "funzionano anche senza.</li>"
                "</ul>"
                "<h2>Come lo verifichiamo</h2>"
                "<p>A ogni modifica del sito, ogni pagina viene controllata automaticamente con "
                "gli strumenti di accessibilità axe in ciascuna delle cinque lingue. Verifichiamo "
                "inoltre l'intero modulo di segnalazione, dall'inizio alla fine, usando solo la "
                "tastiera. Correggiamo i problemi che troviamo prima di pubblicare una "
                "modifica.</p>"
                "<h2>Segnalaci un problema</h2>"
                "<p>Se qualcosa su questo sito ti risulta difficile da usare, dicci in quale "
                "pagina e cosa non ha funzionato: scrivi a complaints@example.org, chiama lo 0800 "
                "000 0000 oppure usa il modulo di segnalazione (categoria «Sito web e servizi "
                "digitali»). Ti risponderemo e risolveremo il problema il prima possibile.</p>"
                "<h2>Altri modi per contattarci</h2>"
                "<p>Se non riesci a usare il modulo online, puoi inviarci la tua segnalazione in "
                "uno di questi modi; se ti serve, ti aiuteremo noi:</p>"
                "<ul>"
                "<li><strong>Telefono</strong>: 0800 000 0000, gratuito, dal lunedì al venerdì, "
                "dalle 9:00 alle 17:00.</li>"
                "<li><strong>Email</strong>: complaints@example.org</li>"
                "<li><strong>Posta</strong>: Ufficio Reclami, Via Esempio 1, Città Esempio.</li>"
                "<li><strong>Di persona</strong>: presso uno qualsiasi dei nostri sportelli, dove "
                "il nostro personale registrerà il reclamo insieme a te.</li>"
                "</ul>"
                "<h2>Informazioni su questa dichiarazione</h2>"
                "<p>Questa dichiarazione è stata redatta il 22 novembre 2026. La riesaminiamo "
                "almeno una volta all'anno e ogni volta che il sito cambia in modo "
                "significativo.</p>"
            ),
        },
        "tr": {
            "title": "Erişilebilirlik beyanı",
            "intro": (
                "Yetenekleri ve kullandıkları cihaz ya da yardımcı teknoloji ne olursa olsun, "
                "herkesin bu web sitesi üzerinden bize başvuru gönderebilmesini ve başvurusunu "
                "takip edebilmesini istiyoruz."
            ),
            "body": (
                "<h2>Taahhüdümüz</h2>"
                "<p>Bu web sitesi, tüm sayfalarında ve tüm dillerinde Web İçeriği Erişilebilirlik "
                "Yönergeleri (WCAG) 2.2'nin AA düzeyini karşılamayı hedefler.</p>"
                "<h2>Bu web sitesinde neler yapabilirsiniz?</h2>"
                "<ul>"
                "<li>Başvuru formunun tamamı dâhil tüm sayfaları yalnızca klavyeyle "
                "kullanabilirsiniz.</li>"
                "<li>Ekran okuyucu kullanabilirsiniz: sayfalarda açık başlıklar vardır, formdaki "
                "her alanın bir etiketi bulunur ve hatalar yalnızca renkle değil, yazıyla da "
                "açıklanır.</li>"
                "<li>Görüntüyü %400'e kadar büyütebilirsiniz: metin, içerik kaybı olmadan ekrana "
                "sığacak şekilde yeniden düzenlenir.</li>"
                "<li>Beş dilde okuyup yazabilirsiniz: Türkçe, İngilizce, Arapça (sağdan sola "
                "gösterilir), Yunanca ve İtalyanca.</li>"
                "<li>Web sitesini JavaScript olmadan kullanabilirsiniz: tüm sayfalar ve başvuru "
                "formu JavaScript olmadan da çalışır.</li>"
                "</ul>"
                "<h2>Nasıl test ediyoruz?</h2>"
                "<p>Web sitesinde her değişiklik yapıldığında, tüm sayfalar beş dilin her birinde "
                "axe erişilebilirlik araçlarıyla otomatik olarak denetlenir. Ayrıca başvuru "
                "formunu baştan sona yalnızca klavye kullanarak test ederiz. Bulduğumuz sorunları, "
                "değişiklik yayımlanmadan önce gideririz.</p>"
                "<h2>Bir sorunu bize bildirin</h2>"
                "<p>Bu web sitesinde kullanmakta zorlandığınız bir şey varsa hangi sayfada neyin "
                "çalışmadığını bize bildirin: complaints@example.org adresine e-posta gönderin, "
                "0800 000 0000 numaralı telefonu arayın veya başvuru formunu kullanın (“Web sitesi "
                "ve dijital hizmetler” kategorisi). Size yanıt verir ve sorunu en kısa sürede "
                "gideririz.</p>"
                "<h2>Bize ulaşmanın diğer yolları</h2>"
                "<p>Çevrim içi formu kullanamıyorsanız başvurunuzu aşağıdaki yollardan biriyle "
                "iletebilirsiniz; gerekirse size yardımcı oluruz:</p>"
                "<ul>"
                "<li><strong>Telefon</strong>: 0800 000 0000, ücretsiz, pazartesiden cumaya "
                "09.00–17.00 arası.</li>"
                "<li><strong>E-posta</strong>: complaints@example.org</li>"
                "<li><strong>Posta</strong>: Şikâyet Birimi, Örnek Sokak No: 1, Örnek Şehir.</li>"
                "<li><strong>Şahsen</strong>: hizmet noktalarımızın herhangi birinde; personelimiz "
                "şikâyetinizi sizinle birlikte kayda alır.</li>"
                "</ul>"
                "<h2>Bu beyan hakkında</h2>"
                "<p>Bu beyan 22 Kasım 2026 tarihinde hazırlanmıştır. Beyanı yılda en az bir kez ve "
                "web sitesinde önemli bir değişiklik olduğunda gözden geçiririz.</p>"
            ),
        },
    },
}

PRIVACY_PAGE = {
    "model": "StandardPage",
    "slug": "privacy",
    "fields": {},
    "text": {
        "en": {
            "title": "Privacy notice",
            "intro": (
                "This notice explains which personal data we keep when you send us a complaint, a "
                "suggestion or a compliment, why we keep it, who can see it, for how long, and "
                "what your rights are."
            ),
            "body": (
                "<h2>What we keep</h2>"
                "<ul>"
                "<li>your name, if you give it;</li>"
                "<li>your email address and mobile phone number, if you give them;</li>"
                "<li>what you tell us: what happened, when and where, and what you would like us "
                "to do;</li>"
                "<li>the files you send us;</li>"
                "<li>the history of your case: what we did and when, and the messages we exchanged "
                "with you.</li>"
                "</ul>"
                "<h2>Why we use it</h2>"
                "<p>We use your data to handle your feedback: to look into it, to reply to you and "
                "to keep you informed. We also use it to improve our services, by analysing "
                "complaints to find their causes; our reports contain figures, not names.</p>"
                "<p>The legal basis is your consent, which you give in the form by ticking the box "
                "before you send it. You can withdraw it at any time.</p>"
                "<h2>Who sees it</h2>"
                "<p>Only the members of staff handling your case can see your data. We never "
                "publish it, and we do not pass it on to anyone outside our organisation unless "
                "the law requires us to. Every time a member of staff opens one of your files, "
                "this is recorded in the history of your case.</p>"
                "<h2>How long we keep it</h2>"
                "<p>We keep your data while we handle your case and for a set period after it is "
                "closed. Our organisation sets this period: it is currently six years after your "
                "case is closed. After that, we delete your data or anonymise it, so that nobody "
                "can be identified from it.</p>"
                "<h2>Your rights</h2>"
                "<p>You have the right to:</p>"
                "<ul>"
                "<li>see the data we hold about you and get a copy of it;</li>"
                "<li>have it corrected if it is wrong or incomplete;</li>"
                "<li>have it erased;</li>"
                "<li>withdraw your consent at any time: this does not affect what we did before, "
                "but we can then no longer handle your case;</li>"
                "<li>complain to the data-protection authority if you think we have not handled "
                "your data properly.</li>"
                "</ul>"
                "<p>To use these rights, contact our data-protection officer. If you have a "
                "tracking number, give it to us: it helps us find your case quickly.</p>"
                "<h2>Contact</h2>"
                "<p>Data-protection officer: "
                '<a href="mailto:dpo@example.org">dpo@example.org</a>, or by post: '
                "Data-Protection Officer, 1 Example Street, Example City.</p>"
            ),
        },
        "ar": {
            "title": "إشعار الخصوصية",
            "intro": (
                "يوضح هذا الإشعار البيانات الشخصية التي نحتفظ بها عندما ترسلون إلينا شكوى أو "
                "اقتراحًا أو إشادة، وسبب احتفاظنا بها، ومن يمكنه الاطلاع عليها، ومدة الاحتفاظ بها، "
                "وما حقوقكم."
            ),
            "body": (
                "<h2>البيانات التي نحتفظ بها</h2>"
                "<ul>"
                "<li>اسمكم، إذا ذكرتموه؛</li>"
                "<li>عنوان بريدكم الإلكتروني ورقم هاتفكم المحمول، إذا زودتمونا بهما؛</li>"
                "<li>ما تخبروننا به: ما حدث ومتى وأين، وما تريدون منا أن نفعله؛</li>"
                "<li>الملفات التي ترسلونها إلينا؛</li>"
                "<li>سجل طلبكم: ما قمنا به ومتى، والرسائل المتبادلة بيننا وبينكم.</li>"
                "</ul>"
                "<h2>لماذا نستخدمها</h2>"
                "<p>نستخدم بياناتكم لمعالجة ملاحظاتكم: لدراستها والرد عليكم وإطلاعكم على "
                "المستجدات. ونستخدمها أيضًا لتحسين خدماتنا، من خلال تحليل الشكاوى لمعرفة أسبابها، "
                "وتتضمن تقاريرنا أرقامًا لا أسماء.</p>"
                "<p>الأساس القانوني لمعالجة بياناتكم هو موافقتكم، التي تقدمونها في النموذج بوضع "
                "علامة في المربع المخصص قبل الإرسال. ويمكنكم سحب موافقتكم في أي وقت.</p>"
                "<h2>من يطلع عليها</h2>"
                "<p>لا يطلع على بياناتكم إلا الموظفون المكلفون بمعالجة طلبكم. ولا ننشرها أبدًا، "
                "ولا نقدمها لأي جهة خارج مؤسستنا إلا إذا ألزمنا القانون بذلك. ويُسجَّل في سجل "
                "طلبكم كل فتح لأي من ملفاتكم من قِبل أحد الموظفين.</p>"
                "<h2>مدة الاحتفاظ بها</h2>"
                "<p>نحتفظ ببياناتكم طوال مدة معالجة طلبكم، ثم لمدة محددة بعد إغلاقه. وتحدد مؤسستنا "
                "هذه المدة، وهي حاليًا ست سنوات من تاريخ إغلاق الطلب. وبعد ذلك نحذف بياناتكم أو "
                "نجعلها مجهولة الهوية، بحيث لا يمكن التعرف على أي شخص من خلالها.</p>"
                "<h2>حقوقكم</h2>"
                "<p>يحق لكم:</p>"
                "<ul>"
                "<li>الاطلاع على البيانات التي نحتفظ بها عنكم والحصول على نسخة منها؛</li>"
                "<li>تصحيحها إذا كانت خاطئة أو ناقصة؛</li>"
                "<li>طلب حذفها؛</li>"
                "<li>سحب موافقتكم في أي وقت، ولا يؤثر ذلك فيما قمنا به قبل السحب، لكننا لن نتمكن "
                "بعده من مواصلة معالجة طلبكم؛</li>"
                "<li>تقديم شكوى إلى سلطة حماية البيانات إذا رأيتم أننا لم نتعامل مع بياناتكم على "
                "النحو الصحيح.</li>"
                "</ul>"
                "<p>لممارسة هذه الحقوق، تواصلوا مع مسؤول حماية البيانات لدينا. وإذا كان لديكم رقم "
                "تتبع فاذكروه، فهو يساعدنا على العثور على طلبكم بسرعة.</p>"
                "<h2>التواصل معنا</h2>"
                '<p>مسؤول حماية البيانات: <a href="mailto:dpo@example.org">dpo@example.org</a>، '
                "أو بالبريد العادي: مسؤول حماية البيانات، 1 شارع المثال، مدينة المثال.</p>"
            ),
        },
        "el": {
            "title": "Ενημέρωση για την προστασία προσωπικών δεδομένων",
            "intro": (
                "Η ενημέρωση αυτή εξηγεί ποια προσωπικά δεδομένα κρατάμε όταν μας στέλνετε "
                "παράπονο, πρόταση ή έπαινο, γιατί τα κρατάμε, ποιος μπορεί να τα δει, για πόσο "
                "διάστημα και ποια είναι τα δικαιώματά σας."
            ),
            "body": (
                "<h2>Τι κρατάμε</h2>"
                "<ul>"
                "<li>το όνομά σας, αν μας το δώσετε·</li>"
                "<li>τη διεύθυνση email και τον αριθμό του κινητού σας, αν μας τα δώσετε·</li>"
                "<li>όσα μας λέτε: τι συνέβη, πότε και πού, και τι θα θέλατε να κάνουμε·</li>"
                "<li>τα αρχεία που μας στέλνετε·</li>"
                "<li>το ιστορικό της υπόθεσής σας: τι κάναμε και πότε, και τα μηνύματα που "
                "ανταλλάξαμε μαζί σας.</li>"
                "</ul>"
                "<h2>Γιατί τα χρησιμοποιούμε</h2>"
                "<p>Χρησιμοποιούμε τα δεδομένα σας για να χειριστούμε το μήνυμά σας: για να το "
                "εξετάσουμε, να σας απαντήσουμε και να σας κρατάμε ενήμερους. Τα χρησιμοποιούμε "
                "επίσης για να βελτιώνουμε τις υπηρεσίες μας, αναλύοντας τα παράπονα για να "
                "βρίσκουμε τις αιτίες τους· οι αναφορές μας περιέχουν αριθμούς, όχι ονόματα.</p>"
                "<p>Η νομική βάση είναι η συγκατάθεσή σας, την οποία δίνετε στη φόρμα επιλέγοντας "
                "το σχετικό πλαίσιο πριν από την υποβολή. Μπορείτε να την ανακαλέσετε ανά πάσα "
                "στιγμή.</p>"
                "<h2>Ποιος τα βλέπει</h2>"
                "<p>Τα δεδομένα σας τα βλέπουν μόνο τα μέλη του προσωπικού που χειρίζονται την "
                "υπόθεσή σας. Δεν τα δημοσιοποιούμε ποτέ και δεν τα διαβιβάζουμε σε κανέναν εκτός "
                "του οργανισμού μας, εκτός αν μας το επιβάλλει ο νόμος. Κάθε φορά που ένα μέλος "
                "του προσωπικού ανοίγει ένα από τα αρχεία σας, αυτό καταγράφεται στο ιστορικό της "
                "υπόθεσής σας.</p>"
                "<h2>Για πόσο τα κρατάμε</h2>"
                "<p>Κρατάμε τα δεδομένα σας όσο χειριζόμαστε την υπόθεσή σας και για ορισμένο "
                "διάστημα μετά το κλείσιμό της. Το διάστημα αυτό το ορίζει ο οργανισμός μας· "
                "σήμερα είναι έξι χρόνια από το κλείσιμο της υπόθεσης. Στη συνέχεια διαγράφουμε τα "
                "δεδομένα σας ή τα ανωνυμοποιούμε, ώστε να μην μπορεί να αναγνωριστεί κανείς από "
                "αυτά.</p>"
                "<h2>Τα δικαιώματά σας</h2>"
                "<p>Έχετε δικαίωμα:</p>"
                "<ul>"
                "<li>να δείτε τα δεδομένα που τηρούμε για εσάς και να λάβετε αντίγραφό τους·</li>"
                "<li>να ζητήσετε τη διόρθωσή τους, αν είναι λανθασμένα ή ελλιπή·</li>"
                "<li>να ζητήσετε τη διαγραφή τους·</li>"
                "<li>να ανακαλέσετε τη συγκατάθεσή σας ανά πάσα στιγμή· αυτό δεν επηρεάζει όσα "
                "έγιναν πριν από την ανάκληση, αλλά στη συνέχεια δεν θα μπορούμε πλέον να "
                "χειριστούμε την υπόθεσή σας·</li>"
                "<li>να υποβάλετε καταγγελία στην αρχή προστασίας δεδομένων, αν θεωρείτε ότι δεν "
                "χειριστήκαμε σωστά τα δεδομένα σας.</li>"
                "</ul>"
                "<p>Για να ασκήσετε αυτά τα δικαιώματα, επικοινωνήστε με τον Υπεύθυνο Προστασίας "
                "Δεδομένων μας. Αν έχετε αριθμό παρακολούθησης, αναφέρετέ τον: μας βοηθά να βρούμε "
                "γρήγορα την υπόθεσή σας.</p>"
                "<h2>Επικοινωνία</h2>"
                "<p>Υπεύθυνος Προστασίας Δεδομένων: "
                '<a href="mailto:dpo@example.org">dpo@example.org</a>, ή ταχυδρομικά: Υπεύθυνος '
                "Προστασίας Δεδομένων, Οδός Παραδείγματος 1, Πόλη Παραδείγματος.</p>"
            ),
        },
        "it": {
            "title": "Informativa sulla privacy",
            "intro": (
                "Questa informativa spiega quali dati personali conserviamo quando ci invii un "
                "reclamo, un suggerimento o un apprezzamento, perché li conserviamo, chi può "
                "vederli, per quanto tempo e quali sono i tuoi diritti."
            ),
            "body": (
                "<h2>Quali dati conserviamo</h2>"
                "<ul>"
                "<li>il tuo nome, se ce lo indichi;</li>"
                "<li>il tuo indirizzo email e il tuo numero di cellulare, se ce li fornisci;</li>"
                "<li>quello che ci racconti: cosa è successo, quando e dove, e cosa vorresti che "
                "facessimo;</li>"
                "<li>i file che ci invii;</li>"
                "<li>la cronologia della tua pratica: cosa abbiamo fatto e quando, e i messaggi "
                "che ci siamo scambiati.</li>"
                "</ul>"
                "<h2>Perché li usiamo</h2>"
                "<p>Usiamo i tuoi dati per gestire la tua segnalazione: per esaminarla, "
                "risponderti e tenerti informato. Li usiamo anche per migliorare i nostri servizi, "
                "analizzando i reclami per individuarne le cause; i nostri rapporti contengono "
                "numeri, non nomi.</p>"
                "<p>La base giuridica è il tuo consenso, che dai nel modulo spuntando l'apposita "
                "casella prima dell'invio. Puoi revocarlo in qualsiasi momento.</p>"
                "<h2>Chi li vede</h2>"
                "<p>I tuoi dati sono visibili solo alle persone del nostro staff che gestiscono la "
                "tua pratica. Non li rendiamo mai pubblici e non li comunichiamo a nessuno al di "
                "fuori della nostra organizzazione, salvo quando la legge ce lo impone. Ogni volta "
                "che una persona del nostro staff apre uno dei tuoi file, l'accesso viene "
                "registrato nella cronologia della tua pratica.</p>"
                "<h2>Per quanto tempo li conserviamo</h2>"
                "<p>Conserviamo i tuoi dati finché gestiamo la tua pratica e per un periodo "
                "stabilito dopo la sua chiusura. Questo periodo è fissato dalla nostra "
                "organizzazione: attualmente è di sei anni dalla chiusura della pratica. Trascorso "
                "questo periodo, cancelliamo i tuoi dati o li rendiamo anonimi, in modo che "
                "nessuno possa essere identificato.</p>"
                "<h2>I tuoi diritti</h2>"
                "<p>Hai il diritto di:</p>"
                "<ul>"
                "<li>accedere ai dati che conserviamo su di te e riceverne una copia;</li>"
                "<li>farli correggere se sono sbagliati o incompleti;</li>"
                "<li>chiederne la cancellazione;</li>"
                "<li>revocare il consenso in qualsiasi momento: la revoca non incide su quanto "
                "fatto prima, ma da quel momento non potremo più gestire la tua pratica;</li>"
                "<li>presentare un reclamo all'autorità per la protezione dei dati personali se "
                "ritieni che non abbiamo trattato correttamente i tuoi dati.</li>"
                "</ul>"
                "<p>Per esercitare questi diritti, contatta il nostro responsabile della "
                "protezione dei dati. Se hai un numero di pratica, indicacelo: ci aiuta a trovare "
                "rapidamente la tua pratica.</p>"
                "<h2>Contatti</h2>"
                "<p>Responsabile della protezione dei dati: "
                '<a href="mailto:dpo@example.org">dpo@example.org</a>, oppure per posta: '
                "Responsabile della protezione dei dati, Via Esempio 1, Città Esempio.</p>"
            ),
        },
        "tr": {
            "title": "Gizlilik bildirimi",
            "intro": (
                "Bu bildirim, bize şikâyet, öneri veya teşekkür gönderdiğinizde hangi kişisel "
                "verilerinizi sakladığımızı, bunları neden sakladığımızı, kimlerin görebileceğini, "
                "ne kadar süre sakladığımızı ve haklarınızı açıklar."
            ),
            "body": (
                "<h2>Hangi verileri saklıyoruz?</h2>"
                "<ul>"
                "<li>verdiyseniz adınız;</li>"
                "<li>verdiyseniz e-posta adresiniz ve cep telefonu numaranız;</li>"
                "<li>bize anlattıklarınız: ne olduğu, ne zaman ve nerede olduğu ve ne yapmamızı "
                "istediğiniz;</li>"
                "<li>bize gönderdiğiniz dosyalar;</li>"
                "<li>başvurunuzun geçmişi: neyi ne zaman yaptığımız ve sizinle yazıştığımız "
                "mesajlar.</li>"
                "</ul>"
                "<h2>Verilerinizi neden kullanıyoruz?</h2>"
                "<p>Verilerinizi başvurunuzu sonuçlandırmak için kullanırız: başvurunuzu "
                "incelemek, size yanıt vermek ve sizi bilgilendirmek için. Ayrıca şikâyetleri "
                "analiz edip nedenlerini bularak hizmetlerimizi iyileştirmek için de kullanırız; "
                "raporlarımızda isimler değil, sayılar yer alır.</p>"
                "<p>Hukuki dayanak, formda göndermeden önce ilgili kutuyu işaretleyerek verdiğiniz "
                "açık rızanızdır. Rızanızı istediğiniz zaman geri alabilirsiniz.</p>"
                "<h2>Verilerinizi kimler görür?</h2>"
                "<p>Verilerinizi yalnızca başvurunuzla ilgilenen çalışanlarımız görebilir. "
                "Verilerinizi asla kamuya açıklamayız ve yasal bir zorunluluk olmadıkça kurumumuz "
                "dışında kimseyle paylaşmayız. Bir çalışanımız dosyalarınızdan birini her "
                "açtığında bu, başvurunuzun geçmişine kaydedilir.</p>"
                "<h2>Verilerinizi ne kadar süre saklıyoruz?</h2>"
                "<p>Verilerinizi başvurunuzu ele aldığımız süre boyunca ve başvurunuz "
                "kapatıldıktan sonra belirli bir süre daha saklarız. Bu süreyi kurumumuz belirler; "
                "şu anda başvurunun kapatılmasından itibaren altı yıldır. Bu sürenin sonunda "
                "verilerinizi siler veya kimsenin tanınamayacağı şekilde anonim hâle "
                "getiririz.</p>"
                "<h2>Haklarınız</h2>"
                "<p>Şu haklara sahipsiniz:</p>"
                "<ul>"
                "<li>hakkınızda sakladığımız verileri görmek ve bir kopyasını almak;</li>"
                "<li>yanlış veya eksikse düzeltilmesini istemek;</li>"
                "<li>silinmesini istemek;</li>"
                "<li>rızanızı istediğiniz zaman geri almak (bu, daha önce yapılanları etkilemez; "
                "ancak bundan sonra başvurunuzu sonuçlandıramayız);</li>"
                "<li>verilerinizin doğru şekilde işlenmediğini düşünüyorsanız veri koruma "
                "otoritesine şikâyette bulunmak.</li>"
                "</ul>"
                "<p>Bu haklarınızı kullanmak için veri koruma görevlimizle iletişime geçin. Takip "
                "numaranız varsa belirtin; başvurunuzu hızla bulmamıza yardımcı olur.</p>"
                "<h2>İletişim</h2>"
                '<p>Veri koruma görevlisi: <a href="mailto:dpo@example.org">dpo@example.org</a> '
                "veya posta yoluyla: Veri Koruma Görevlisi, Örnek Sokak No: 1, Örnek Şehir.</p>"
            ),
        },
    },
}

# The children of the home page, in menu order.
CHILD_PAGES = [
    POLICY_PAGE,
    PRINCIPLES_PAGE,
    HOW_TO_COMPLAIN_PAGE,
    PROCESS_PAGE,
    FAQ_PAGE,
    ACCESSIBILITY_PAGE,
    PRIVACY_PAGE,
]
