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

# Hours per step. Normal: assessed within 2 days, decision within 15 days (48 + 240 + 72 hours),
# which is what the public pages promise.
PRIORITIES = [
    {
        "code": "low",
        "rank": 10,
        "is_default": False,
        "hours": {
            "assess": 72,
            "investigate": 480,
            "respond": 120,
            "close": 120,
            "second_level": 48,
        },
        "name": {"en": "Low", "ar": "منخفضة", "el": "Χαμηλή", "it": "Bassa", "tr": "Düşük"},
    },
    {
        "code": "normal",
        "rank": 20,
        "is_default": True,
        "hours": {"assess": 48, "investigate": 240, "respond": 72, "close": 72, "second_level": 24},
        "name": {"en": "Normal", "ar": "عادية", "el": "Κανονική", "it": "Normale", "tr": "Normal"},
    },
    {
        "code": "high",
        "rank": 30,
        "is_default": False,
        "hours": {"assess": 24, "investigate": 120, "respond": 48, "close": 48, "second_level": 12},
        "name": {"en": "High", "ar": "مرتفعة", "el": "Υψηλή", "it": "Alta", "tr": "Yüksek"},
    },
    {
        "code": "urgent",
        "rank": 40,
        "is_default": False,
        "hours": {"assess": 4, "investigate": 24, "respond": 8, "close": 24, "second_level": 4},
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
# Rich text fields hold simple HTML; `intro` of StandardPage and PolicyPage is plain text.

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
    "model": "StandardPage",
    "slug": "principles",
    "fields": {},
    "text": {
        "en": {
            "title": "Our guiding principles",
            "intro": (
                "We follow the guiding principles of ISO 10002:2018, the international standard "
                "for handling complaints. This is what they mean for you."
            ),
            "body": (
                "<ul>"
                "<li><strong>Transparency</strong>: we publish how to complain, how we handle "
                "complaints, our time limits and what each stage of your case means.</li>"
                "<li><strong>Accessibility</strong>: you can complain online, by email, by "
                "phone, by post or in person, in five languages, and we help anyone who needs "
                "support to do so.</li>"
                "<li><strong>Responsiveness</strong>: we acknowledge your complaint straight "
                "away with a tracking number and keep you informed at every step.</li>"
                "<li><strong>Objectivity</strong>: every complaint is handled fairly and "
                "impartially; nobody investigates a complaint about themselves.</li>"
                "<li><strong>No charges</strong>: complaining is always free of charge.</li>"
                "<li><strong>Information integrity</strong>: we check that what we record about "
                "your complaint is complete and accurate, and the history of your case cannot be "
                "changed afterwards.</li>"
                "<li><strong>Confidentiality</strong>: your personal data is seen only by the "
                "people handling your case and is never made public.</li>"
                "<li><strong>Customer focus</strong>: we listen to you; you can tell us the "
                "outcome you want, respond to our decision and tell us how satisfied you "
                "are.</li>"
                "<li><strong>Accountability</strong>: every action on your case is recorded with "
                "who did it, when and why, and each step has a named person responsible for "
                "it.</li>"
                "<li><strong>Improvement</strong>: we analyse complaints to find their root "
                "causes and improve our services.</li>"
                "<li><strong>Competence</strong>: your complaint is handled by trained staff "
                "with the right skills for the subject.</li>"
                "<li><strong>Timeliness</strong>: every step has a deadline; if it is missed, a "
                "supervisor and then a manager are alerted.</li>"
                "</ul>"
            ),
        },
        "ar": {
            "title": "مبادئنا التوجيهية",
            "intro": (
                "نلتزم بالمبادئ التوجيهية للمعيار الدولي ISO 10002:2018 الخاص بمعالجة الشكاوى. "
                "وفيما يلي ما تعنيه هذه المبادئ بالنسبة إليكم."
            ),
            "body": (
                "<ul>"
                "<li><strong>الشفافية</strong>: ننشر طريقة تقديم الشكوى وكيفية معالجتنا للشكاوى "
                "والمدد الزمنية التي نلتزم بها ومعنى كل مرحلة من مراحل طلبكم.</li>"
                "<li><strong>سهولة الوصول</strong>: يمكنكم تقديم الشكوى عبر الإنترنت أو البريد "
                "الإلكتروني أو الهاتف أو البريد العادي أو بالحضور شخصيًا، وبخمس لغات، ونساعد كل "
                "من يحتاج إلى دعم لتقديمها.</li>"
                "<li><strong>سرعة الاستجابة</strong>: نؤكد استلام شكواكم فورًا برقم تتبع، ونطلعكم "
                "على المستجدات في كل خطوة.</li>"
                "<li><strong>الموضوعية</strong>: نعالج كل شكوى بإنصاف وحياد، ولا يحقق أحد في "
                "شكوى مقدمة بحقه.</li>"
                "<li><strong>المجانية</strong>: تقديم الشكوى مجاني دائمًا.</li>"
                "<li><strong>سلامة المعلومات</strong>: نتحقق من أن ما نسجله عن شكواكم كامل "
                "ودقيق، ولا يمكن تعديل سجل طلبكم لاحقًا.</li>"
                "<li><strong>السرية</strong>: لا يطلع على بياناتكم الشخصية إلا الموظفون المكلفون "
                "بمعالجة طلبكم، ولا تُنشر أبدًا.</li>"
                "<li><strong>التركيز على العميل</strong>: نصغي إليكم؛ فيمكنكم أن تخبرونا "
                "بالنتيجة التي تريدونها، وأن تردّوا على قرارنا، وأن تبدوا مدى رضاكم.</li>"
                "<li><strong>المساءلة</strong>: يُسجَّل كل إجراء يُتخذ بشأن طلبكم مع اسم من قام "
                "به ووقته وسببه، ولكل خطوة موظف مسؤول محدد بالاسم.</li>"
                "<li><strong>التحسين المستمر</strong>: نحلل الشكاوى لمعرفة أسبابها الجذرية "
                "وتحسين خدماتنا.</li>"
                "<li><strong>الكفاءة</strong>: يتولى معالجة شكواكم موظفون مدربون يملكون المهارات "
                "المناسبة لموضوعها.</li>"
                "<li><strong>الالتزام بالمواعيد</strong>: لكل خطوة موعد نهائي، وإذا تجاوزناه "
                "يُنبَّه المشرف ثم المدير.</li>"
                "</ul>"
            ),
        },
        "el": {
            "title": "Οι κατευθυντήριες αρχές μας",
            "intro": (
                "Ακολουθούμε τις κατευθυντήριες αρχές του ISO 10002:2018, του διεθνούς "
                "προτύπου για τη διαχείριση παραπόνων. Δείτε τι σημαίνουν για εσάς."
            ),
            "body": (
                "<ul>"
                "<li><strong>Διαφάνεια</strong>: δημοσιεύουμε πώς μπορείτε να υποβάλετε "
                "παράπονο, πώς το χειριζόμαστε, τις προθεσμίες μας και τι σημαίνει κάθε στάδιο "
                "της υπόθεσής σας.</li>"
                "<li><strong>Προσβασιμότητα</strong>: μπορείτε να υποβάλετε παράπονο "
                "ηλεκτρονικά, με email, τηλεφωνικά, ταχυδρομικά ή αυτοπροσώπως, σε πέντε "
                "γλώσσες, και βοηθάμε όποιον χρειάζεται υποστήριξη.</li>"
                "<li><strong>Ανταπόκριση</strong>: επιβεβαιώνουμε αμέσως την παραλαβή με αριθμό "
                "παρακολούθησης και σας ενημερώνουμε σε κάθε βήμα.</li>"
                "<li><strong>Αντικειμενικότητα</strong>: κάθε παράπονο εξετάζεται δίκαια και "
                "αμερόληπτα· κανείς δεν διερευνά παράπονο που αφορά τον ίδιο.</li>"
                "<li><strong>Χωρίς χρέωση</strong>: η υποβολή παραπόνου είναι πάντα "
                "δωρεάν.</li>"
                "<li><strong>Ακεραιότητα πληροφοριών</strong>: ελέγχουμε ότι όσα καταγράφουμε "
                "για το παράπονό σας είναι πλήρη και ακριβή, και το ιστορικό της υπόθεσής σας "
                "δεν μπορεί να αλλοιωθεί.</li>"
                "<li><strong>Εμπιστευτικότητα</strong>: τα προσωπικά σας δεδομένα τα βλέπουν "
                "μόνο όσοι χειρίζονται την υπόθεσή σας και δεν δημοσιοποιούνται ποτέ.</li>"
                "<li><strong>Προσανατολισμός στον πελάτη</strong>: σας ακούμε· μπορείτε να μας "
                "πείτε ποια λύση επιθυμείτε, να απαντήσετε στην απόφασή μας και να μας πείτε "
                "πόσο ικανοποιημένοι είστε.</li>"
                "<li><strong>Λογοδοσία</strong>: κάθε ενέργεια στην υπόθεσή σας καταγράφεται με "
                "το ποιος την έκανε, πότε και γιατί, και για κάθε βήμα υπάρχει συγκεκριμένος "
                "υπεύθυνος.</li>"
                "<li><strong>Βελτίωση</strong>: αναλύουμε τα παράπονα για να βρίσκουμε τις "
                "βαθύτερες αιτίες τους και να βελτιώνουμε τις υπηρεσίες μας.</li>"
                "<li><strong>Ικανότητα</strong>: το παράπονό σας το χειρίζεται εκπαιδευμένο "
                "προσωπικό με τις κατάλληλες γνώσεις για το θέμα.</li>"
                "<li><strong>Έγκαιρη διεκπεραίωση</strong>: κάθε βήμα έχει προθεσμία· αν δεν "
                "τηρηθεί, ειδοποιείται ο προϊστάμενος και στη συνέχεια ο υπεύθυνος διαχείρισης "
                "παραπόνων.</li>"
                "</ul>"
            ),
        },
        "it": {
            "title": "I nostri principi guida",
            "intro": (
                "Seguiamo i principi guida della ISO 10002:2018, la norma internazionale sulla "
                "gestione dei reclami. Ecco cosa significano per te."
            ),
            "body": (
                "<ul>"
                "<li><strong>Trasparenza</strong>: pubblichiamo come presentare un reclamo, come "
                "lo gestiamo, i nostri tempi e il significato di ogni fase della tua "
                "pratica.</li>"
                "<li><strong>Accessibilità</strong>: puoi presentare un reclamo online, via "
                "email, per telefono, per posta o di persona, in cinque lingue, e aiutiamo "
                "chiunque abbia bisogno di supporto.</li>"
                "<li><strong>Reattività</strong>: confermiamo subito la ricezione con un numero "
                "di pratica e ti teniamo informato a ogni passaggio.</li>"
                "<li><strong>Obiettività</strong>: ogni reclamo è trattato in modo equo e "
                "imparziale; nessuno esamina un reclamo che lo riguarda.</li>"
                "<li><strong>Gratuità</strong>: presentare un reclamo è sempre gratuito.</li>"
                "<li><strong>Integrità delle informazioni</strong>: verifichiamo che quanto "
                "registriamo sul tuo reclamo sia completo e corretto, e la cronologia della tua "
                "pratica non può essere modificata.</li>"
                "<li><strong>Riservatezza</strong>: i tuoi dati personali sono visibili solo a "
                "chi gestisce la tua pratica e non vengono mai resi pubblici.</li>"
                "<li><strong>Attenzione al cliente</strong>: ti ascoltiamo; puoi indicarci il "
                "risultato che desideri, rispondere alla nostra decisione e dirci quanto sei "
                "soddisfatto.</li>"
                "<li><strong>Responsabilità</strong>: ogni azione sulla tua pratica viene "
                "registrata con chi l'ha compiuta, quando e perché, e ogni fase ha un "
                "responsabile con nome e cognome.</li>"
                "<li><strong>Miglioramento</strong>: analizziamo i reclami per individuarne le "
                "cause profonde e migliorare i nostri servizi.</li>"
                "<li><strong>Competenza</strong>: il tuo reclamo è gestito da personale formato "
                "e con le competenze adatte all'argomento.</li>"
                "<li><strong>Tempestività</strong>: ogni fase ha una scadenza; se non viene "
                "rispettata, vengono avvisati prima un supervisore e poi un responsabile.</li>"
                "</ul>"
            ),
        },
        "tr": {
            "title": "Yol gösterici ilkelerimiz",
            "intro": (
                "Şikâyetlerin ele alınmasına ilişkin uluslararası standart olan "
                "ISO 10002:2018'in yol gösterici ilkelerini uyguluyoruz. Bu ilkelerin sizin için "
                "anlamı şöyledir:"
            ),
            "body": (
                "<ul>"
                "<li><strong>Şeffaflık</strong>: nasıl şikâyette bulunabileceğinizi, şikâyetleri "
                "nasıl ele aldığımızı, sürelerimizi ve başvurunuzun her aşamasının ne anlama "
                "geldiğini yayımlarız.</li>"
                "<li><strong>Erişilebilirlik</strong>: çevrim içi, e-posta, telefon, posta "
                "yoluyla veya şahsen, beş dilde şikâyette bulunabilirsiniz; desteğe ihtiyaç "
                "duyan herkese yardımcı oluruz.</li>"
                "<li><strong>Duyarlılık</strong>: şikâyetinizin alındığını bir takip numarasıyla "
                "hemen bildirir, sizi her adımda bilgilendiririz.</li>"
                "<li><strong>Tarafsızlık</strong>: her şikâyet adil ve tarafsız biçimde ele "
                "alınır; hiç kimse kendisi hakkındaki bir şikâyeti incelemez.</li>"
                "<li><strong>Ücretsizlik</strong>: şikâyette bulunmak her zaman "
                "ücretsizdir.</li>"
                "<li><strong>Bilgi bütünlüğü</strong>: şikâyetinizle ilgili kaydettiğimiz "
                "bilgilerin eksiksiz ve doğru olduğunu kontrol ederiz; başvurunuzun geçmişi "
                "sonradan değiştirilemez.</li>"
                "<li><strong>Gizlilik</strong>: kişisel verilerinizi yalnızca başvurunuzla "
                "ilgilenen kişiler görür ve bu veriler asla kamuya açıklanmaz.</li>"
                "<li><strong>Müşteri odaklılık</strong>: sizi dinleriz; nasıl bir çözüm "
                "beklediğinizi belirtebilir, kararımıza yanıt verebilir ve ne kadar memnun "
                "kaldığınızı bize iletebilirsiniz.</li>"
                "<li><strong>Hesap verebilirlik</strong>: başvurunuzla ilgili her işlem, kimin, "
                "ne zaman ve neden yaptığıyla birlikte kaydedilir; her adımın adı belli bir "
                "sorumlusu vardır.</li>"
                "<li><strong>İyileştirme</strong>: şikâyetlerin temel nedenlerini bulmak ve "
                "hizmetlerimizi iyileştirmek için şikâyetleri analiz ederiz.</li>"
                "<li><strong>Yetkinlik</strong>: şikâyetiniz, konuya uygun becerilere sahip "
                "eğitimli personel tarafından ele alınır.</li>"
                "<li><strong>Zamanında işlem</strong>: her adımın bir süresi vardır; süre "
                "aşılırsa önce bir amir, ardından bir yönetici uyarılır.</li>"
                "</ul>"
            ),
        },
    },
}

HOW_TO_COMPLAIN_PAGE = {
    "model": "StandardPage",
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
                "<h2>Ways to contact us</h2>"
                "<ul>"
                "<li><strong>Online form</strong>: the quickest way, open day and night on this "
                "website.</li>"
                "<li><strong>Email</strong>: complaints@example.org</li>"
                "<li><strong>Telephone</strong>: 0800 000 0000, free of charge, Monday to "
                "Friday, 9:00 to 17:00.</li>"
                "<li><strong>Post</strong>: Complaints Office, 1 Example Street, Example "
                "City.</li>"
                "<li><strong>In person</strong>: at any of our service desks, where our staff "
                "will record your complaint with you.</li>"
                "</ul>"
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
                "<h2>طرق التواصل معنا</h2>"
                "<ul>"
                "<li><strong>النموذج الإلكتروني</strong>: أسرع طريقة، وهو متاح على هذا الموقع "
                "ليلًا ونهارًا.</li>"
                "<li><strong>البريد الإلكتروني</strong>: complaints@example.org</li>"
                "<li><strong>الهاتف</strong>: 0800 000 0000، مجانًا، من الاثنين إلى الجمعة، من "
                "الساعة 9:00 إلى الساعة 17:00.</li>"
                "<li><strong>البريد العادي</strong>: مكتب الشكاوى، 1 شارع المثال، مدينة "
                "المثال.</li>"
                "<li><strong>الحضور شخصيًا</strong>: في أي من مكاتب خدمة العملاء لدينا، حيث "
                "يسجل موظفونا شكواكم معكم.</li>"
                "</ul>"
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
                "<h2>Τρόποι επικοινωνίας</h2>"
                "<ul>"
                "<li><strong>Ηλεκτρονική φόρμα</strong>: ο πιο γρήγορος τρόπος, διαθέσιμη σε "
                "αυτόν τον ιστότοπο όλο το εικοσιτετράωρο.</li>"
                "<li><strong>Email</strong>: complaints@example.org</li>"
                "<li><strong>Τηλέφωνο</strong>: 0800 000 0000, χωρίς χρέωση, Δευτέρα έως "
                "Παρασκευή, 9:00 έως 17:00.</li>"
                "<li><strong>Ταχυδρομικά</strong>: Γραφείο Παραπόνων, Οδός Παραδείγματος 1, "
                "Πόλη Παραδείγματος.</li>"
                "<li><strong>Αυτοπροσώπως</strong>: σε οποιοδήποτε σημείο εξυπηρέτησής μας, όπου "
                "το προσωπικό μας θα καταγράψει μαζί σας το παράπονό σας.</li>"
                "</ul>"
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
                "<h2>Come contattarci</h2>"
                "<ul>"
                "<li><strong>Modulo online</strong>: il modo più rapido, disponibile su questo "
                "sito a qualsiasi ora.</li>"
                "<li><strong>Email</strong>: complaints@example.org</li>"
                "<li><strong>Telefono</strong>: 0800 000 0000, gratuito, dal lunedì al venerdì, "
                "dalle 9:00 alle 17:00.</li>"
                "<li><strong>Posta</strong>: Ufficio Reclami, Via Esempio 1, Città Esempio.</li>"
                "<li><strong>Di persona</strong>: presso uno qualsiasi dei nostri sportelli, "
                "dove il nostro personale registrerà il reclamo insieme a te.</li>"
                "</ul>"
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
                "<h2>Bize ulaşma yolları</h2>"
                "<ul>"
                "<li><strong>Çevrim içi form</strong>: en hızlı yol; bu web sitesinde günün her "
                "saati kullanılabilir.</li>"
                "<li><strong>E-posta</strong>: complaints@example.org</li>"
                "<li><strong>Telefon</strong>: 0800 000 0000, ücretsiz, pazartesiden cumaya "
                "09.00–17.00 arası.</li>"
                "<li><strong>Posta</strong>: Şikâyet Birimi, Örnek Sokak No: 1, Örnek "
                "Şehir.</li>"
                "<li><strong>Şahsen</strong>: hizmet noktalarımızın herhangi birinde; "
                "personelimiz şikâyetinizi sizinle birlikte kayda alır.</li>"
                "</ul>"
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

FEEDBACK_PAGE = {
    "model": "ComplaintFormPage",
    "slug": "feedback",
    "fields": {},
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

# The children of the home page, in menu order.
CHILD_PAGES = [POLICY_PAGE, PRINCIPLES_PAGE, HOW_TO_COMPLAIN_PAGE, FEEDBACK_PAGE]
