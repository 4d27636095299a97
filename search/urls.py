from django.urls import path

from . import views

urlpatterns = [path("", views.staff_search, name="staff_search")]
