"""Demo accounts for local runs (an administrator, an editor, a writer and a moderator), and the
newsroom's own pages (About us, Contact, Privacy policy) in every edition.

Passwords are derived from the local SECRET_KEY, so they are stable across runs
of the same checkout, differ between checkouts, and never live in the repository.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from alwaght.models import SitePage
from common import roles

# username -> (group, is_superuser)
DEMO_ACCOUNTS: dict[str, tuple[str | None, bool]] = {
    "admin": (None, True),
    "editor": (roles.EDITORS, False),
    "writer": (roles.WRITERS, False),
    "moderator": (roles.MODERATORS, False),
}


def demo_password(username: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-account:{username}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()).decode()[:16].lower()


def ensure_demo_accounts() -> list[tuple[str, str]]:
    """Create the demo accounts that are missing; return (username, password) of each.

    An existing account is left as it is: its password may have been changed.
    """
    User = get_user_model()
    logins = []
    for username, (group_name, is_superuser) in DEMO_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"is_staff": True, "is_superuser": is_superuser, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        logins.append((username, demo_password(username)))
    return logins


# The newsroom's own pages in each edition, as a real newsroom would write them. The privacy
# policy says what the site does (no reader cookies, comments' details kept 90 days…).
SITE_PAGES: dict[str, dict[str, tuple[str, str, str]]] = {
    "en": {
        "about": (
            "About us",
            "Who we are, what we cover and the standards we hold ourselves to.",
            "<p>Alwaght is an independent news and analysis website covering West Asia and North Africa "
            "in English, Arabic and Persian. Our reporters and editors work from Beirut, Baghdad, Damascus "
            "and Tehran, and our analysts write on the politics, economics and security of the region.</p>"
            "<h2>What we publish</h2>"
            "<ul><li><strong>News</strong>: what happened, verified, as soon as we can stand behind it.</li>"
            "<li><strong>Analysis</strong>: what it means, written by specialists and signed.</li>"
            "<li><strong>In Focus</strong>: long-running stories followed over months and years.</li>"
            "<li><strong>Maps</strong> and the <strong>Gallery</strong>: where events happen, and what they "
            "look like.</li></ul>"
            "<h2>Our standards</h2>"
            "<p>We name our sources whenever we can, and say why when we cannot. We separate news from "
            "opinion. When we get something wrong, we correct it on the article, with the date, and list "
            'it on our <a href="/corrections/">corrections page</a>.</p>'
            "<h2>Three editions</h2>"
            "<p>Each edition is edited by its own desk. Stories are translated when readers of another "
            "edition need them, and each edition also publishes its own reporting.</p>",
        ),
        "contact": (
            "Contact",
            "How to reach the newsroom, send us a tip or ask for a correction.",
            "<p>We read everything we receive. We cannot answer every message, but we answer every "
            "request for a correction.</p>"
            "<h2>The newsroom</h2>"
            '<ul><li>News tips and story ideas: <a href="mailto:newsroom@example.com">newsroom@example.com</a></li>'
            '<li>Corrections: <a href="mailto:corrections@example.com">corrections@example.com</a>. '
            "Tell us the article and what is wrong.</li>"
            '<li>Letters to the editor: <a href="mailto:letters@example.com">letters@example.com</a></li>'
            '<li>Privacy questions: <a href="mailto:privacy@example.com">privacy@example.com</a></li></ul>'
            "<h2>Sending us documents</h2>"
            "<p>If what you send could put you at risk, do not use a work computer or phone, and tell "
            "us how you would like us to reply. We never name a source without their consent.</p>"
            "<h2>Press and partnerships</h2>"
            '<p>To republish our work or work with us: <a href="mailto:partners@example.com">'
            "partners@example.com</a>.</p>",
        ),
        "privacy": (
            "Privacy policy",
            "What we know about our readers, why, and for how long.",
            "<p>We want you to read us without being followed. This page says what we collect, why "
            "and for how long.</p>"
            "<h2>Reading the site</h2>"
            "<p>We set no cookies for readers and show no advertising. Every page, picture, font and "
            "script comes from our own servers: no other company learns what you read here.</p>"
            "<p>To count how many times an article is read, we keep a code made from your network address "
            "and browser that changes every day and cannot be turned back into either; we keep it only long "
            "enough not to count the same reader twice. We keep the counts, not the readers.</p>"
            "<h2>Videos and sharing</h2>"
            "<p>Some films play from YouTube, Vimeo or Aparat. Nothing is loaded from them until you "
            "press Play; from then on, their own privacy policies apply. The share links open the other "
            "service only when you choose one.</p>"
            "<h2>Comments</h2>"
            "<p>When you comment, we keep your name, your email address and your comment. Your email "
            "address is never published. For moderation, we also keep your network address and browser "
            "for 90 days, then delete them.</p>"
            "<h2>Your rights</h2>"
            "<p>To see, correct or delete what we hold about you, write to "
            '<a href="mailto:privacy@example.com">privacy@example.com</a>. We answer within a month.</p>',
        ),
    },
    "ar": {
        "about": (
            "من نحن",
            "من نحن، وما الذي نغطيه، والمعايير التي نلتزم بها.",
            "<p>«الوقت» موقع إخباري وتحليلي مستقل يغطي غرب آسيا وشمال أفريقيا بالعربية والإنكليزية "
            "والفارسية. يعمل مراسلونا ومحررونا من بيروت وبغداد ودمشق وطهران، ويكتب محللونا في السياسة "
            "والاقتصاد والأمن في المنطقة.</p>"
            "<h2>ما الذي ننشره</h2>"
            "<ul><li><strong>الأخبار</strong>: ما جرى، بعد التحقق منه، حين نستطيع الوقوف خلفه.</li>"
            "<li><strong>التحليل</strong>: ما يعنيه ما جرى، يكتبه مختصون بأسمائهم.</li>"
            "<li><strong>في الضوء</strong>: قصص طويلة نتابعها على مدى أشهر وسنوات.</li>"
            "<li><strong>الخرائط</strong> و<strong>المعرض</strong>: أين تجري الأحداث وكيف تبدو.</li></ul>"
            "<h2>معاييرنا</h2>"
            "<p>نسمّي مصادرنا كلما استطعنا، ونقول لماذا حين لا نستطيع. نفصل الخبر عن الرأي. وحين نخطئ "
            'نصحّح الخطأ في المقال نفسه مع تاريخ التصحيح، وندرجه في <a href="/ar/corrections/">صفحة '
            "التصحيحات</a>.</p>"
            "<h2>ثلاث طبعات</h2>"
            "<p>لكل طبعة قسم تحرير خاص بها. نترجم القصص حين يحتاج إليها قرّاء طبعة أخرى، وتنشر كل طبعة "
            "تقاريرها الخاصة أيضاً.</p>",
        ),
        "contact": (
            "اتصل بنا",
            "كيف تصل إلى غرفة الأخبار، أو ترسل إلينا معلومة، أو تطلب تصحيحاً.",
            "<p>نقرأ كل ما يصلنا. لا نستطيع الرد على كل رسالة، لكننا نرد على كل طلب تصحيح.</p>"
            "<h2>غرفة الأخبار</h2>"
            '<ul><li>المعلومات والأفكار الصحفية: <a href="mailto:newsroom@example.com">newsroom@example.com</a></li>'
            '<li>التصحيحات: <a href="mailto:corrections@example.com">corrections@example.com</a>، '
            "مع ذكر المقال وموضع الخطأ.</li>"
            '<li>رسائل إلى المحرر: <a href="mailto:letters@example.com">letters@example.com</a></li>'
            '<li>أسئلة الخصوصية: <a href="mailto:privacy@example.com">privacy@example.com</a></li></ul>'
            "<h2>إرسال الوثائق</h2>"
            "<p>إن كان ما ترسله قد يعرّضك للخطر، فلا تستخدم حاسوب العمل أو هاتفه، وأخبرنا كيف تريد أن "
            "نردّ عليك. لا نكشف اسم مصدر من دون موافقته.</p>"
            "<h2>الصحافة والشراكات</h2>"
            '<p>لإعادة نشر موادنا أو العمل معنا: <a href="mailto:partners@example.com">'
            "partners@example.com</a>.</p>",
        ),
        "privacy": (
            "سياسة الخصوصية",
            "ما الذي نعرفه عن قرّائنا، ولماذا، وإلى متى.",
            "<p>نريد أن تقرأنا من دون أن يتعقّبك أحد. تشرح هذه الصفحة ما نجمعه ولماذا وإلى متى.</p>"
            "<h2>تصفّح الموقع</h2>"
            "<p>لا نضع ملفات تعريف ارتباط (كوكيز) للقرّاء ولا نعرض إعلانات. كل صفحة وصورة وخط وبرنامج "
            "يأتي من خوادمنا: لا تعرف أي شركة أخرى ما تقرأه هنا.</p>"
            "<p>لنحصي عدد قراءات المقال نحتفظ برمز مشتق من عنوان شبكتك ومتصفحك، يتغيّر كل يوم ولا يمكن "
            "استرجاع أيٍّ منهما منه، ولا نبقيه إلا بالقدر الذي يمنع احتساب القارئ نفسه مرتين. نحتفظ "
            "بالأعداد لا بالقرّاء.</p>"
            "<h2>الفيديو والمشاركة</h2>"
            "<p>تُعرض بعض الأفلام من يوتيوب أو فيميو أو آبارات. لا يُحمَّل منها شيء قبل أن تضغط على زر "
            "التشغيل، وبعدها تسري سياسات الخصوصية الخاصة بها. ولا تفتح روابط المشاركة الخدمة الأخرى إلا "
            "حين تختارها.</p>"
            "<h2>التعليقات</h2>"
            "<p>حين تعلّق نحتفظ باسمك وبريدك الإلكتروني وتعليقك. لا يُنشر بريدك الإلكتروني أبداً. "
            "ولأغراض الإشراف نحتفظ أيضاً بعنوان شبكتك ومتصفحك مدة 90 يوماً ثم نحذفهما.</p>"
            "<h2>حقوقك</h2>"
            "<p>للاطلاع على ما نحتفظ به عنك أو تصحيحه أو حذفه، راسلنا على "
            '<a href="mailto:privacy@example.com">privacy@example.com</a>. نردّ خلال شهر.</p>',
        ),
    },
    "fa": {
        "about": (
            "درباره ما",
            "ما که هستیم، چه چیزی را پوشش می‌دهیم و به چه معیارهایی پایبندیم.",
            "<p>«الوقت» پایگاه خبری و تحلیلی مستقلی است که غرب آسیا و شمال آفریقا را به فارسی، عربی و "
            "انگلیسی پوشش می‌دهد. خبرنگاران و دبیران ما در بیروت، بغداد، دمشق و تهران کار می‌کنند و "
            "تحلیلگران ما درباره سیاست، اقتصاد و امنیت منطقه می‌نویسند.</p>"
            "<h2>چه منتشر می‌کنیم</h2>"
            "<ul><li><strong>خبر</strong>: آنچه روی داده، پس از راستی‌آزمایی، همین که بتوانیم پشتش بایستیم.</li>"
            "<li><strong>تحلیل</strong>: معنای آنچه روی داده، به قلم کارشناسان و با نام آنان.</li>"
            "<li><strong>در کانون توجه</strong>: ماجراهای بلندی که ماه‌ها و سال‌ها دنبالشان می‌کنیم.</li>"
            "<li><strong>نقشه‌ها</strong> و <strong>گالری</strong>: رویدادها کجا رخ می‌دهند و چه شکلی "
            "دارند.</li></ul>"
            "<h2>معیارهای ما</h2>"
            "<p>هر جا بتوانیم منبع خود را نام می‌بریم و هر جا نتوانیم می‌گوییم چرا. خبر را از نظر جدا "
            "می‌کنیم. وقتی اشتباه کنیم، آن را در خود مطلب و با تاریخ اصلاح می‌کنیم و در "
            '<a href="/fa/corrections/">صفحه اصلاحیه‌ها</a> می‌آوریم.</p>'
            "<h2>سه نسخه</h2>"
            "<p>هر نسخه دبیری جداگانه دارد. مطالب را هر وقت خوانندگان نسخه دیگری به آن نیاز داشته باشند "
            "ترجمه می‌کنیم و هر نسخه گزارش‌های خودش را هم منتشر می‌کند.</p>",
        ),
        "contact": (
            "تماس با ما",
            "راه‌های تماس با تحریریه، فرستادن خبر یا درخواست اصلاحیه.",
            "<p>همه پیام‌ها را می‌خوانیم. نمی‌توانیم به همه پاسخ دهیم، اما به هر درخواست اصلاحیه پاسخ "
            "می‌دهیم.</p>"
            "<h2>تحریریه</h2>"
            '<ul><li>خبر و پیشنهاد گزارش: <a href="mailto:newsroom@example.com">newsroom@example.com</a></li>'
            '<li>اصلاحیه‌ها: <a href="mailto:corrections@example.com">corrections@example.com</a>؛ '
            "بگویید کدام مطلب و کجای آن نادرست است.</li>"
            '<li>نامه به سردبیر: <a href="mailto:letters@example.com">letters@example.com</a></li>'
            '<li>پرسش‌های حریم خصوصی: <a href="mailto:privacy@example.com">privacy@example.com</a></li></ul>'
            "<h2>فرستادن اسناد</h2>"
            "<p>اگر آنچه می‌فرستید ممکن است شما را به خطر بیندازد، از رایانه یا تلفن محل کارتان استفاده "
            "نکنید و بگویید چگونه به شما پاسخ دهیم. نام هیچ منبعی را بدون رضایتش فاش نمی‌کنیم.</p>"
            "<h2>رسانه‌ها و همکاری</h2>"
            '<p>برای بازنشر مطالب ما یا همکاری با ما: <a href="mailto:partners@example.com">'
            "partners@example.com</a>.</p>",
        ),
        "privacy": (
            "حریم خصوصی",
            "درباره خوانندگانمان چه می‌دانیم، چرا و تا کی.",
            "<p>می‌خواهیم ما را بخوانید بی‌آنکه کسی دنبالتان کند. این صفحه می‌گوید چه چیزی را، چرا و تا "
            "کی نگه می‌داریم.</p>"
            "<h2>خواندن سایت</h2>"
            "<p>برای خوانندگان هیچ کوکی‌ای نمی‌گذاریم و تبلیغ نشان نمی‌دهیم. هر صفحه، تصویر، قلم و "
            "برنامه‌ای از سرورهای خود ما می‌آید: هیچ شرکت دیگری نمی‌فهمد شما اینجا چه می‌خوانید.</p>"
            "<p>برای شمردن دفعات خوانده شدن هر مطلب، رمزی ساخته از نشانی شبکه و مرورگر شما نگه می‌داریم "
            "که هر روز عوض می‌شود و هیچ‌کدام از آن دو را نمی‌توان از آن بازسازی کرد، و آن را تنها تا جایی "
            "نگه می‌داریم که یک خواننده دو بار شمرده نشود. شمارها را نگه می‌داریم، نه خوانندگان را.</p>"
            "<h2>ویدیو و هم‌رسانی</h2>"
            "<p>برخی فیلم‌ها از یوتیوب، ویمئو یا آپارات پخش می‌شوند. تا دکمه پخش را نزنید چیزی از آنها "
            "بارگیری نمی‌شود و پس از آن سیاست‌های حریم خصوصی خودشان برقرار است. پیوندهای هم‌رسانی "
            "تنها وقتی آن سرویس را باز می‌کنند که خودتان یکی را برگزینید.</p>"
            "<h2>دیدگاه‌ها</h2>"
            "<p>وقتی دیدگاهی می‌نویسید، نام، نشانی ایمیل و متن دیدگاهتان را نگه می‌داریم. نشانی ایمیل "
            "شما هرگز منتشر نمی‌شود. برای بررسی دیدگاه‌ها، نشانی شبکه و مرورگر شما را هم ۹۰ روز نگه "
            "می‌داریم و سپس پاک می‌کنیم.</p>"
            "<h2>حقوق شما</h2>"
            "<p>برای دیدن، اصلاح یا پاک کردن آنچه درباره شما داریم، به "
            '<a href="mailto:privacy@example.com">privacy@example.com</a> بنویسید. ظرف یک ماه پاسخ '
            "می‌دهیم.</p>",
        ),
    },
}


def seed_site_pages() -> int:
    """Publish About us, Contact and Privacy policy in every edition, unless the edition has
    them already (an editor's text is never replaced). Returns how many were added."""
    added = 0
    for language, pages in SITE_PAGES.items():
        for slug, (title, description, body) in pages.items():
            _page, created = SitePage.objects.get_or_create(
                language=language,
                slug=slug,
                defaults={"title": title, "description": description, "body": body, "published": True},
            )
            added += created
    return added
